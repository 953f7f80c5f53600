import { describe, expect, it } from 'vitest';
import { createConsumerLagTracker } from './consumer-lag-tracker';

const T0 = 1_700_000_000_000;
const POLL = 30_000;

/** A poller's view: every 30 s the end offset and the group's committed offset. */
function poll(
  t: ReturnType<typeof createConsumerLagTracker>,
  i: number,
  end: number,
  committed: number,
  partition = 0,
) {
  t.endOffset('orders', partition, end, T0 + i * POLL);
  t.commit('indexer', 'orders', partition, committed, T0 + i * POLL);
}

describe('consumer lag tracker', () => {
  it('rates a healthy consumer OK, with lag in messages and in time', () => {
    const t = createConsumerLagTracker();
    for (let i = 0; i < 10; i++) poll(t, i, 1_000 * (i + 1), 1_000 * (i + 1) - (i % 2 === 0 ? 50 : 30));
    const g = t.group('indexer', T0 + 9 * POLL);
    expect(g).toMatchObject({ group: 'indexer', status: 'OK', totalLag: 30, complete: 1, worstPartition: null });
    const p = g?.partitions[0];
    expect(p).toMatchObject({
      topic: 'orders',
      partition: 0,
      rule: 'lag-decreasing',
      committedOffset: 9_970,
      endOffset: 10_000,
      lag: 30,
      complete: 1,
    });
    // 1,000 messages per 30 s: 30 messages behind is 0.9 s.
    expect(p?.timeLag).toEqual({ ms: 900, source: 'interpolated' });
  });

  it('warns about a lag that never decreases, even a constant one, as Burrow does', () => {
    const t = createConsumerLagTracker();
    for (let i = 0; i < 10; i++) poll(t, i, 1_000 * (i + 1), 1_000 * (i + 1) - 50);
    expect(t.group('indexer', T0 + 9 * POLL)).toMatchObject({
      status: 'WARN',
      worst: 'WARN',
      worstPartition: { topic: 'orders', partition: 0 },
    });
  });

  it('walks a consumer through WARN, STALL, STOP and back to OK', () => {
    const t = createConsumerLagTracker({ windowSize: 5 });
    let i = 0;
    // Falling behind: offsets move, lag grows.
    for (; i < 5; i++) poll(t, i, 1_000 * (i + 1), 500 * (i + 1));
    expect(t.group('indexer', T0 + (i - 1) * POLL)).toMatchObject({ status: 'WARN', worst: 'WARN' });
    // Stuck: same offset polled again and again.
    for (let k = 0; k < 5; k++, i++) poll(t, i, 1_000 * (i + 1), 2_500);
    expect(t.group('indexer', T0 + (i - 1) * POLL)).toMatchObject({ status: 'ERR', worst: 'STALL' });
    // Polling stops updating commits (the caller passes real commit times): no commit for longer than the window spans.
    expect(t.group('indexer', T0 + (i - 1) * POLL + 5 * POLL)).toMatchObject({ status: 'ERR', worst: 'STOP' });
    // Catches up.
    poll(t, i, 20_000, 20_000);
    expect(t.group('indexer', T0 + i * POLL)).toMatchObject({ status: 'OK', totalLag: 0 });
    expect(t.group('indexer', T0 + i * POLL)?.partitions[0]?.timeLag).toEqual({ ms: 0, source: 'caught-up' });
  });

  it('reports a rewind (offsets reset) as ERR/REWIND and names the partition', () => {
    const t = createConsumerLagTracker();
    for (let i = 0; i < 4; i++) {
      poll(t, i, 10_000 + i * 100, 9_000 + i * 100, 0);
      poll(t, i, 10_000 + i * 100, 10_000 + i * 100, 1);
    }
    poll(t, 4, 10_500, 100, 0);
    poll(t, 4, 10_500, 10_500, 1);
    const g = t.group('indexer', T0 + 4 * POLL);
    expect(g).toMatchObject({ status: 'ERR', worst: 'REWIND', worstPartition: { topic: 'orders', partition: 0 } });
    expect(g?.partitions.map((p) => p.status)).toEqual(['REWIND', 'OK']);
  });

  it('prefers a direct time lag, and leaves a commit unrated until an end offset is known', () => {
    const t = createConsumerLagTracker();
    t.commit('g', 'orders', 0, 10, T0);
    expect(t.group('g', T0)?.partitions[0]).toMatchObject({
      lag: null,
      endOffset: null,
      timeLag: null,
      status: 'OK',
      rule: 'no-data',
    });
    t.endOffset('orders', 0, 20, T0 + 1_000);
    t.commit('g', 'orders', 0, 10, T0 + 2_000, { oldestUnconsumedAt: T0 - 4_000 });
    expect(t.group('g', T0 + 2_000)?.partitions[0]?.timeLag).toEqual({ ms: 6_000, source: 'direct' });
  });

  it('versions groups, bounds them, and forgets removed ones', () => {
    const t = createConsumerLagTracker({ maxGroups: 2 });
    t.endOffset('orders', 0, 10, T0);
    t.commit('a', 'orders', 0, 10, T0);
    const v = t.version;
    t.commit('b', 'orders', 0, 10, T0);
    expect(t.groups(T0, v).map((g) => g.group)).toEqual(['b']);
    t.commit('c', 'orders', 0, 10, T0);
    expect(t.groups(T0).map((g) => g.group)).toEqual(['b', 'c']);
    t.remove('b');
    expect(t.group('b', T0)).toBeUndefined();
    expect(t.group('zzz', T0)).toBeUndefined();
  });

  it('rates lag that no member reads STOP from the first poll, and lag a member holds still STALL', () => {
    const t = createConsumerLagTracker();
    t.endOffset('orders', 0, 600, T0);
    // An empty group committed at 300 before cdcscope started; the message at 300 was read: 310 s old.
    t.commit('stopped', 'orders', 0, 300, T0, { member: null, oldestUnconsumedAt: T0 - 310_000 });
    const stopped = t.group('stopped', T0);
    expect(stopped).toMatchObject({ status: 'ERR', worst: 'STOP', maxTimeLagMs: 310_000 });
    expect(stopped?.partitions[0]).toMatchObject({
      status: 'STOP',
      rule: 'no-member',
      member: null,
      timeLag: { ms: 310_000, source: 'direct' },
    });

    // A member holds the partition and its offset stands still: Burrow's STALL once the window has two commits.
    t.commit('stalled', 'orders', 0, 300, T0, { member: 'indexer-1@10.0.0.7' });
    expect(t.group('stalled', T0)?.partitions[0]).toMatchObject({ status: 'OK', rule: 'no-data' });
    t.endOffset('orders', 0, 620, T0 + POLL);
    t.commit('stalled', 'orders', 0, 300, T0 + POLL, { member: 'indexer-1@10.0.0.7' });
    expect(t.group('stalled', T0 + POLL)?.partitions[0]).toMatchObject({
      status: 'STALL',
      rule: 'stalled',
      member: 'indexer-1@10.0.0.7',
    });

    // No lag, no member: nothing to read, OK.
    t.commit('idle', 'orders', 0, 620, T0 + POLL, { member: null });
    expect(t.group('idle', T0 + POLL)?.status).toBe('OK');
  });

  it('tells which offsets its end-offset samples can date', () => {
    const t = createConsumerLagTracker();
    expect(t.covers('orders', 0, 10)).toBe(false);
    t.endOffset('orders', 0, 600, T0);
    // One sample: anything older is only a lower bound.
    expect(t.covers('orders', 0, 300)).toBe(false);
    expect(t.covers('orders', 0, 600)).toBe(true);
    t.endOffset('orders', 0, 700, T0 + POLL);
    expect(t.covers('orders', 0, 650)).toBe(true);
    expect(t.covers('orders', 0, 599)).toBe(false);
  });
});
