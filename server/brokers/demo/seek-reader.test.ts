import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { configSchema, type DemoSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createDemoGenerator } from '../../../lib/demo/generator';
import type { RetainedLog } from '../../../lib/demo/retained-log';
import { createEventLookup } from '../../event-lookup/event-lookup';
import type { Reply, StreamReply } from '../../http/route';
import { createSeekRoutes } from '../../seek/seek-routes';
import { ndjsonLines, streamedText } from '../../../test/support/api-harness';
import { closeRetainedLog, openRetainedLog } from './retained-logs';
import { createDemoSeekReader } from './seek-reader';

const config = configSchema.parse({ sources: [{ kind: 'demo' }], seek: { concurrent: 1 } });
const demo = config.sources[0] as DemoSourceConfig;
const T0 = 1_800_000_000_000;

let open: RetainedLog | undefined;
afterEach(() => open && closeRetainedLog('demo', open));

/** A demo log of `seconds` of generated traffic, 10 ticks a second from T0, as the running source keeps it. */
function filledLog(seconds: number): { log: RetainedLog; all: RawMessage[] } {
  const log = (open = openRetainedLog('demo'));
  const gen = createDemoGenerator({ sourceId: 'demo', seed: 7 });
  const all: RawMessage[] = [];
  for (let i = 0; i < seconds * 10; i++) {
    for (const m of gen.tick(T0 + i * 100, 4)) {
      log.append(m);
      all.push(m);
    }
  }
  return { log, all };
}

const fakeReq = () => ({ socket: new EventEmitter() }) as unknown as IncomingMessage;
const ctx = () => ({ req: fakeReq(), principal: null, body: undefined });

async function drain(reply: StreamReply, signal = new AbortController().signal): Promise<Record<string, unknown>[]> {
  return ndjsonLines(await streamedText(reply, signal), (l) => JSON.parse(l) as Record<string, unknown>);
}

const seqOf = (m: RawMessage) => (m.origin.kind === 'demo' ? m.origin.seq : NaN);
const topicOf = (m: RawMessage) => (m.origin.kind === 'demo' ? m.origin.topic : '');

describe('seek on the demo retained log', () => {
  it('reads from a time to the end as of the start, listing only the channel', async () => {
    const { log, all } = filledLog(30);
    const from = T0 + 12_000;
    const seen: { seq: number; listed: boolean }[] = [];
    const lastAtStart = log.range().lastSeq;
    const reader = createDemoSeekReader(demo, 'demo_a.>', { kind: 'time', time: from });
    const result = await reader.read((m, listed) => {
      seen.push({ seq: seqOf(m), listed });
      // Written while the seek runs: past its end.
      if (seen.length === 1)
        log.append({ ...m, origin: { kind: 'demo', topic: 'x', seq: lastAtStart + 5, timestamp: T0 + 60_000 } });
      return Promise.resolve(true);
    }, new AbortController().signal);
    expect(result).toBe('end');
    const expected = all.filter((m) => m.origin.timestamp >= from);
    expect(seen.map((s) => s.seq)).toEqual(expected.map(seqOf));
    expect(seen.filter((s) => s.listed).length).toBe(expected.filter((m) => topicOf(m).startsWith('demo_a.')).length);
    expect(seen.at(-1)?.seq).toBe(lastAtStart);
  });

  it('starts at a position or the oldest kept, refuses offsets, stops on abort', async () => {
    const { all } = filledLog(5);
    const mid = seqOf(all[100] as RawMessage);
    const read = async (
      start: Parameters<typeof createDemoSeekReader>[2],
      stopAfter = Infinity,
      ctl = new AbortController(),
    ) => {
      const seqs: number[] = [];
      const r = await createDemoSeekReader(demo, '>', start).read((m) => {
        seqs.push(seqOf(m));
        if (seqs.length >= stopAfter) ctl.abort();
        return Promise.resolve(true);
      }, ctl.signal);
      return { r, seqs };
    };
    expect((await read({ kind: 'seq', seq: mid })).seqs[0]).toBe(mid);
    expect((await read({ kind: 'beginning' })).seqs.length).toBe(all.length);
    expect((await read({ kind: 'seq', seq: 1e12 })).seqs).toEqual([]);
    expect((await read({ kind: 'time', time: T0 + 3_600_000 })).seqs).toEqual([]);
    expect(await read({ kind: 'beginning' }, 3)).toMatchObject({
      r: 'stopped',
      seqs: [expect.any(Number), expect.any(Number), expect.any(Number)],
    });
    await expect(read({ kind: 'offset', offset: '5' })).rejects.toThrow(/offset is for Kafka/);
  });

  it('goes through the seek route with its limits, progress and done line', async () => {
    filledLog(20);
    const [, seek] = createSeekRoutes({ config });
    const run = (q: string) => seek!.handle([], new URLSearchParams(q), ctx()) as Promise<StreamReply | Reply>;
    const lines = await drain(
      (await run(`sourceId=demo&channel=demo_a.>&start=time:${T0 + 5_000}&limit=7`)) as StreamReply,
    );
    const events = lines.filter((l) => l.type === 'event');
    expect(events).toHaveLength(7);
    expect(events[0]).toMatchObject({ ref: { kind: 'demo', sourceId: 'demo' }, item: { sourceId: 'demo' } });
    expect(lines.at(-1)).toMatchObject({ type: 'done', reason: 'limit', matched: 7 });
    const scanned = await drain(
      (await run('sourceId=demo&channel=nothing.here&start=beginning&scan=50')) as StreamReply,
    );
    expect(scanned.at(-1)).toMatchObject({ type: 'done', reason: 'scan-limit', scanned: 50, matched: 0 });
    const bad = (await run('sourceId=demo&channel=demo_a.>&start=offset:3')) as StreamReply;
    expect((await drain(bad)).at(-1)).toMatchObject({
      type: 'error',
      error: expect.stringMatching(/offset is for Kafka/),
    });
  });

  it('yields to the event loop while it reads, and a cancel ends it and frees its slot', async () => {
    filledLog(60);
    let ticks = 0;
    const beat = setInterval(() => ticks++, 2);
    const busy = () => {
      const until = performance.now() + 0.05;
      while (performance.now() < until);
      return Promise.resolve(true);
    };
    expect(await createDemoSeekReader(demo, '>', { kind: 'beginning' }).read(busy, new AbortController().signal)).toBe(
      'end',
    );
    clearInterval(beat);
    expect(ticks).toBeGreaterThan(5);

    const [, seek] = createSeekRoutes({ config });
    const start = () => seek!.handle([], new URLSearchParams('sourceId=demo&channel=>&start=beginning'), ctx());
    const reply = (await start()) as StreamReply;
    expect(((await start()) as Reply).status).toBe(429);
    const ctl = new AbortController();
    let text = '';
    const res = Object.assign(new EventEmitter(), {
      writableEnded: false,
      destroyed: false,
      write: (chunk: string) => {
        text += chunk;
        if (chunk.includes('"event"')) ctl.abort();
        return true;
      },
    });
    await reply.stream(res as unknown as ServerResponse, ctl.signal);
    expect(text.split('\n').filter(Boolean)).toHaveLength(1);
    let again = await start();
    for (let i = 0; i < 20 && again.status === 429; i++) {
      await new Promise((r) => setTimeout(r, 20));
      again = await start();
    }
    expect(again.status).toBe(200);
  });
});

describe('demo event links', () => {
  it('resolve from the retained log after leaving the buffer, until evicted', async () => {
    const { all } = filledLog(3);
    const lookup = createEventLookup(config, () => undefined);
    const m = all.find((x) => topicOf(x) === 'demo_a.inventory.orders' && x.value !== null) as RawMessage;
    const id = `demo:demo_a.inventory.orders:#${seqOf(m)}`;
    expect(await lookup.find(id)).toMatchObject({ from: 'broker', event: { id } });
    // Another topic at that position, a position never written, and a replay's own numbering resolve to nothing.
    expect(await lookup.find(`demo:demo_b.inventory.orders:#${seqOf(m)}`)).toBeUndefined();
    expect(await lookup.find('demo:demo_a.inventory.orders:#999999999')).toBeUndefined();
    closeRetainedLog('demo', open!);
    expect(await lookup.find(id)).toBeUndefined();
  });
});
