import { describe, expect, it } from 'vitest';
import type { Admin } from 'kafkajs';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import type { BatchQueue } from '../batch-queue';
import { createKafkaBacklog } from './backlog';

/** A message of the hand-off queue: only its broker timestamp matters here. */
const queued = (timestamp: number) =>
  ({ origin: { kind: 'kafka', topic: 't', partition: 0, offset: '0', timestamp } }) as unknown as RawMessage;

describe('Kafka own backlog', () => {
  it('reads positions and queue when the poll starts, not after the broker answered (overload)', async () => {
    let clock = 100_000;
    const nextOffset = new Map([['t:0', 4_000n]]);
    const lastReadAt = new Map([['t:0', 95_000]]);
    const queue = { size: 1_000, oldest: () => queued(94_000) };
    // The end offset is the broker's at the request; its answer waits on a busy event loop while the
    // consumer reads on, past it (bench/overload.ts saw "0 messages, not behind" at 3.6 s behind).
    const admin = {
      fetchTopicOffsets: () => {
        nextOffset.set('t:0', 12_000n);
        lastReadAt.set('t:0', 99_000);
        queue.size = 0;
        clock += 3_000;
        return Promise.resolve([{ partition: 0, offset: '0', high: '10000', low: '0' }]);
      },
    } as unknown as Admin;
    const backlog = createKafkaBacklog({
      admin,
      start: 'earliest',
      topics: () => ['t'],
      nextOffset,
      lastReadAt,
      queue: queue as unknown as BatchQueue<RawMessage>,
      handing: () => 500,
      now: () => clock,
    });
    await backlog.poll();
    // 6,000 on the broker beyond the position at the start, 1,000 queued and 500 waiting for room: dated then,
    // and as old as the oldest queued message.
    expect(backlog.get()).toEqual({ messages: 7_500, seconds: 6, behind: true, at: 100_000 });
  });

  it('counts a partition not read yet from its low watermark with start earliest, from its end otherwise', async () => {
    const admin = {
      fetchTopicOffsets: () => Promise.resolve([{ partition: 0, offset: '0', high: '300', low: '100' }]),
    } as unknown as Admin;
    const queue = { size: 0, oldest: () => undefined } as unknown as BatchQueue<RawMessage>;
    const make = (start: 'earliest' | 'latest') =>
      createKafkaBacklog({
        admin,
        start,
        topics: () => ['t'],
        nextOffset: new Map(),
        lastReadAt: new Map(),
        queue,
        handing: () => 0,
        now: () => 1_000,
      });
    const earliest = make('earliest');
    await earliest.poll();
    expect(earliest.get()?.messages).toBe(200);
    const latest = make('latest');
    await latest.poll();
    expect(latest.get()?.messages).toBe(0);
  });
});
