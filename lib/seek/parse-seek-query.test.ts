import { describe, expect, it } from 'vitest';
import { seekLimitsSchema } from '../config/sinks-schema';
import { formatSeekStart, parseSeekStart } from '../contracts/seek';
import { parseSeekMessageQuery, parseSeekQuery } from './parse-seek-query';

const limits = seekLimitsSchema.parse({ maxResults: 100, maxScan: 5_000, maxSeconds: 30 });
const parse = (q: string) => parseSeekQuery(new URLSearchParams(q), limits);

describe('seek start', () => {
  it('reads every start form and writes it back', () => {
    const cases: [string, unknown][] = [
      ['beginning', { kind: 'beginning' }],
      ['time:1700000000000', { kind: 'time', time: 1_700_000_000_000 }],
      ['time:2023-11-14T22:13:20Z', { kind: 'time', time: 1_700_000_000_000 }],
      ['offset:42', { kind: 'offset', offset: '42' }],
      ['offset:3@9007199254740993', { kind: 'offset', offset: '9007199254740993', partition: 3 }],
      ['seq:7', { kind: 'seq', seq: 7 }],
    ];
    for (const [text, want] of cases) expect(parseSeekStart(text), text).toEqual(want);
    expect(formatSeekStart({ kind: 'offset', offset: '9', partition: 2 })).toBe('offset:2@9');
    expect(parseSeekStart(formatSeekStart({ kind: 'time', time: 5 }))).toEqual({ kind: 'time', time: 5 });
  });

  it('refuses what is not a start', () => {
    for (const bad of [
      '',
      'end',
      'time:yesterday',
      'offset:-1',
      'offset:a@1',
      'seq:0',
      'seq:1.5',
      'offset:99999999999999999999',
      'latest',
    ]) {
      expect(parseSeekStart(bad), bad).toBeUndefined();
    }
  });
});

describe('seek query', () => {
  it('parses source, channel, start and the inspector filters', () => {
    const r = parse(
      'sourceId=kafka&channel=replica_a.inventory.orders&start=offset:0&op=c,u&field=after.status=shipped&field=after.total>10&q=ann&table=replica_a.inventory.orders',
    );
    if (!r.ok) throw new Error(r.error);
    expect(r.value.start).toEqual({ kind: 'offset', offset: '0' });
    expect(r.value.filter.op).toEqual(['c', 'u']);
    expect(r.value.filter.field).toEqual([
      { side: 'after', path: ['status'], op: '=', value: 'shipped' },
      { side: 'after', path: ['total'], op: '>', value: '10' },
    ]);
    expect(r.value.filter.table).toBe('replica_a.inventory.orders');
    expect(r.value).toMatchObject({ limit: 100, scan: 5_000, maxMs: 30_000 });
  });

  it('lowers limits above the configuration and keeps lower ones', () => {
    const high = parse('sourceId=s&channel=t&start=beginning&limit=100000&scan=999999999');
    const low = parse('sourceId=s&channel=t&start=beginning&limit=5&scan=10');
    expect(high.ok && [high.value.limit, high.value.scan]).toEqual([100, 5_000]);
    expect(low.ok && [low.value.limit, low.value.scan]).toEqual([5, 10]);
  });

  it('answers one readable error for bad input', () => {
    const bad = (q: string) => {
      const r = parse(q);
      return r.ok ? 'ok' : r.error;
    };
    expect(bad('channel=t&start=beginning')).toMatch(/sourceId/);
    expect(bad('sourceId=s&channel=t&start=nowhere')).toMatch(/start: "nowhere": expected beginning/);
    expect(bad('sourceId=s&channel=t&start=beginning&start=seq:1')).toBe('given more than once: start');
    expect(bad('sourceId=s&channel=t&start=beginning&cursor=x')).toMatch(/unknown parameter cursor/);
    expect(bad('sourceId=s&channel=t&start=beginning&limit=0')).toMatch(/limit/);
    expect(bad('sourceId=s&channel=a b&start=beginning')).toMatch(/channel/);
    expect(bad('sourceId=s&channel=t&start=beginning&field=status')).toMatch(/field/);
  });

  it('parses a message reference: partition and offset, or seq', () => {
    const k = parseSeekMessageQuery(new URLSearchParams('sourceId=k&channel=t&partition=2&offset=10'));
    const j = parseSeekMessageQuery(new URLSearchParams('sourceId=n&channel=pg.x&seq=5'));
    expect(k.ok && k.value).toEqual({ sourceId: 'k', channel: 't', partition: 2, offset: '10' });
    expect(j.ok && j.value).toEqual({ sourceId: 'n', channel: 'pg.x', seq: 5 });
    expect(parseSeekMessageQuery(new URLSearchParams('sourceId=k&channel=t&offset=10')).ok).toBe(false);
    expect(parseSeekMessageQuery(new URLSearchParams('sourceId=k&channel=t&partition=1&offset=1&seq=3')).ok).toBe(
      false,
    );
  });
});
