import { describe, expect, it } from 'vitest';
import { createEndTracker, planJetStreamSeek, planKafkaSeek } from './seek-plan';

const ranges = [
  { partition: 0, low: '0', high: '100' },
  { partition: 1, low: '50', high: '80' },
  { partition: 2, low: '10', high: '10' },
];

describe('Kafka plan', () => {
  it('starts every non-empty partition at its low mark from the beginning, ending at the high mark', () => {
    const r = planKafkaSeek({ kind: 'beginning' }, ranges);
    expect(r.ok && r.value.partitions).toEqual([
      { partition: 0, start: 0n, end: 100n },
      { partition: 1, start: 50n, end: 80n },
    ]);
  });

  it('clamps an offset into what the partition still holds and skips partitions already past it', () => {
    const r = planKafkaSeek({ kind: 'offset', offset: '60' }, ranges);
    expect(r.ok && r.value.partitions).toEqual([
      { partition: 0, start: 60n, end: 100n },
      { partition: 1, start: 60n, end: 80n },
    ]);
    const past = planKafkaSeek({ kind: 'offset', offset: '90' }, ranges);
    expect(past.ok && past.value.partitions).toEqual([{ partition: 0, start: 90n, end: 100n }]);
    const old = planKafkaSeek({ kind: 'offset', offset: '3' }, ranges);
    expect(old.ok && old.value.partitions[1]).toEqual({ partition: 1, start: 50n, end: 80n });
  });

  it('reads one partition for partition@offset and refuses an unknown partition', () => {
    const r = planKafkaSeek({ kind: 'offset', offset: '70', partition: 1 }, ranges);
    expect(r.ok && r.value.partitions).toEqual([{ partition: 1, start: 70n, end: 80n }]);
    const bad = planKafkaSeek({ kind: 'offset', offset: '0', partition: 7 }, ranges);
    expect(bad.ok ? 'ok' : bad.error).toMatch(/no partition 7/);
  });

  it('starts a time seek at the offsets the broker found for that time', () => {
    const r = planKafkaSeek({ kind: 'time', time: 1 }, ranges, [
      { partition: 0, offset: '95' },
      { partition: 1, offset: '80' },
      { partition: 2, offset: '10' },
    ]);
    expect(r.ok && r.value.partitions).toEqual([{ partition: 0, start: 95n, end: 100n }]);
  });

  it('refuses a JetStream sequence', () => {
    const r = planKafkaSeek({ kind: 'seq', seq: 1 }, ranges);
    expect(r.ok ? 'ok' : r.error).toMatch(/seq is for JetStream/);
  });

  it('tracks each partition to its end', () => {
    const r = planKafkaSeek({ kind: 'offset', offset: '97' }, ranges);
    if (!r.ok) throw new Error(r.error);
    const t = createEndTracker(r.value);
    expect(t.finished).toBe(false);
    expect(t.seen(0, 97n)).toBe(false);
    expect(t.beyond(0, 99n)).toBe(false);
    expect(t.beyond(0, 100n)).toBe(true);
    expect(t.beyond(1, 0n)).toBe(true);
    expect(t.seen(0, 99n)).toBe(true);
    expect(t.seen(0, 99n)).toBe(false);
    expect(t.finished).toBe(true);
  });
});

describe('JetStream plan', () => {
  const range = { firstSeq: 10, lastSeq: 500 };
  it('maps each start to a deliver policy and keeps the last sequence as the end', () => {
    expect(planJetStreamSeek({ kind: 'beginning' }, range)).toEqual({
      ok: true,
      value: { deliver: 'all', lastSeq: 500 },
    });
    expect(planJetStreamSeek({ kind: 'seq', seq: 3 }, range)).toEqual({
      ok: true,
      value: { deliver: 'seq', seq: 10, lastSeq: 500 },
    });
    expect(planJetStreamSeek({ kind: 'seq', seq: 501 }, range)).toEqual({
      ok: true,
      value: { deliver: 'none', lastSeq: 500 },
    });
    expect(planJetStreamSeek({ kind: 'time', time: 9 }, range)).toEqual({
      ok: true,
      value: { deliver: 'time', time: 9, lastSeq: 500 },
    });
    expect(planJetStreamSeek({ kind: 'beginning' }, { firstSeq: 0, lastSeq: 0 })).toEqual({
      ok: true,
      value: { deliver: 'none', lastSeq: 0 },
    });
  });
  it('refuses a Kafka offset', () => {
    const r = planJetStreamSeek({ kind: 'offset', offset: '1' }, range);
    expect(r.ok ? 'ok' : r.error).toMatch(/offset is for Kafka/);
  });
});

describe('line splitter', () => {
  it('returns whole lines across chunks and refuses an endless line', async () => {
    const { createLineSplitter } = await import('./ndjson-lines');
    const split = createLineSplitter(10);
    expect(split('{"a":1}\n{"b"')).toEqual(['{"a":1}']);
    expect(split(':2}\n\n')).toEqual(['{"b":2}']);
    expect(() => split('x'.repeat(11))).toThrow(/longer than 10/);
  });
});
