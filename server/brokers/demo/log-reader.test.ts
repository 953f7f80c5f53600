import { describe, expect, it } from 'vitest';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createRetainedLog } from '../../../lib/demo/retained-log';
import { createBatchQueue } from '../batch-queue';
import { createLogReader, demoReadPerSecond } from './log-reader';

const msg = (seq: number, timestamp: number): RawMessage => ({
  sourceId: 'demo',
  origin: { kind: 'demo', topic: 't', seq, timestamp },
  key: null,
  value: new Uint8Array(4),
  headers: {},
  receivedAt: timestamp,
});

async function take(queue: ReturnType<typeof createBatchQueue<RawMessage>>, n: number): Promise<number[]> {
  const seqs: number[] = [];
  for await (const batch of queue) {
    for (const m of batch) seqs.push(m.origin.kind === 'demo' ? m.origin.seq : -1);
    if (seqs.length >= n) break;
  }
  return seqs;
}

describe('demo log reader', () => {
  it('reads in position order at most its cap per pump; a burst shows as backlog until drained', async () => {
    const log = createRetainedLog({ maxEvents: 100_000, maxBytes: 1e9 });
    const queue = createBatchQueue<RawMessage>(50_000);
    const reader = createLogReader(log, queue, 100);
    for (let i = 1; i <= 1_000; i++) log.append(msg(i, 1_000));
    reader.pump();
    expect(await take(queue, 100)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
    reader.measure(2_000);
    expect(reader.backlog()).toMatchObject({ messages: 900, behind: false });
    // Still unread two polls on: its age counts, from the last message read.
    reader.pump();
    await take(queue, 100);
    reader.measure(5_000);
    expect(reader.backlog()).toMatchObject({ messages: 800, seconds: 4, behind: true });
    for (let i = 0; i < 8; i++) reader.pump();
    expect((await take(queue, 800)).at(-1)).toBe(1_000);
    reader.measure(6_000);
    expect(reader.backlog()).toMatchObject({ messages: 0, seconds: 0, behind: false });
    queue.close();
  });

  it('keeps unread what a full queue cannot take, and scales its cap with the rate', async () => {
    const log = createRetainedLog({ maxEvents: 100, maxBytes: 1e9 });
    const queue = createBatchQueue<RawMessage>(3);
    const reader = createLogReader(log, queue, 5);
    for (let i = 1; i <= 10; i++) log.append(msg(i, 1));
    reader.pump();
    reader.pump(); // the queue is full now: these 5 stay in the log
    reader.measure(10);
    expect(reader.backlog()?.messages).toBe(10);
    expect(await take(queue, 5)).toEqual([1, 2, 3, 4, 5]);
    reader.pump();
    expect(await take(queue, 5)).toEqual([6, 7, 8, 9, 10]);
    expect(demoReadPerSecond(40)).toBe(1_500);
    expect(demoReadPerSecond(1_000)).toBe(20_000);
    queue.close();
  });
});
