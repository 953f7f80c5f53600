import { describe, expect, it } from 'vitest';
import {
  createJetStreamLagTracker,
  evaluateJetStreamConsumer,
  jetStreamObservation,
  parseServerTime,
  type JetStreamConsumerInfoLike,
} from './jetstream-consumer';

const T0 = 1_700_000_000_000;
const iso = (ms: number) => new Date(ms).toISOString();

function info(
  over: Partial<JetStreamConsumerInfoLike> & { ackSeq: number; ackAt?: number },
): JetStreamConsumerInfoLike {
  const { ackSeq, ackAt, ...rest } = over;
  return {
    stream_name: 'DebeziumStream',
    name: 'indexer',
    num_pending: 0,
    num_ack_pending: 0,
    num_redelivered: 0,
    num_waiting: 1,
    delivered: { stream_seq: ackSeq, consumer_seq: ackSeq },
    ack_floor: { stream_seq: ackSeq, consumer_seq: ackSeq, last_active: ackAt === undefined ? undefined : iso(ackAt) },
    ...rest,
  };
}

describe('JetStream consumer lag', () => {
  it('maps consumer info to a commit observation: ack floor, pending + ack pending, last ack time', () => {
    const i = info({ ackSeq: 41, ackAt: T0 - 500, num_pending: 7, num_ack_pending: 3 });
    expect(jetStreamObservation(i, T0)).toEqual({ offset: 42, lag: 10, at: T0 - 500 });
    expect(parseServerTime('0001-01-01T00:00:00Z')).toBeUndefined();
    expect(parseServerTime(T0)).toBe(T0);
  });

  it('is OK with nothing pending, and notes redeliveries and idle pull consumers', () => {
    expect(evaluateJetStreamConsumer(info({ ackSeq: 10 }), T0)).toMatchObject({
      status: 'OK',
      rule: 'caught-up',
      lag: 0,
      timeLag: { ms: 0, source: 'caught-up' },
    });
    const r = evaluateJetStreamConsumer(info({ ackSeq: 10, num_pending: 5, num_redelivered: 3, num_waiting: 0 }), T0);
    expect(r.notes).toEqual([
      '3 redelivered (processing failures or ack timeouts)',
      'no pull requests waiting: the client is not fetching',
    ]);
    const push = evaluateJetStreamConsumer(
      info({ ackSeq: 10, num_pending: 5, num_waiting: 0, config: { deliver_subject: 'x' } }),
      T0,
    );
    expect(push.notes).toEqual([]);
  });

  it('rates a consumer over polls: WARN falling behind, STOP when acks stop, OK after catching up, time lag from stream timestamps', () => {
    const t = createJetStreamLagTracker({ windowSize: 5 });
    let last = 100;
    let ack = 0;
    let r;
    // Falling behind: acks move every 10 s, the stream grows faster.
    for (let i = 0; i < 5; i++) {
      const now = T0 + i * 10_000;
      last += 200;
      ack += 150;
      r = t.observe(info({ ackSeq: ack, ackAt: now, num_pending: last - ack }), now, {
        stream: { last_seq: last, last_ts: iso(now) },
      });
    }
    expect(r).toMatchObject({ status: 'WARN', rule: 'lag-not-decreasing', lag: 1_100 - 750 });
    // 200 messages per 10 s: the next unacked (751) went in at about T0 + 40 s − (1,101 − 751) × 50 ms.
    expect(r?.timeLag?.source).toBe('interpolated');
    expect(r?.timeLag?.ms).toBe(17_500);
    // Acks stop; polls continue; the ack floor's last_active stays old.
    for (let i = 5; i < 12; i++) {
      const now = T0 + i * 10_000;
      last += 200;
      r = t.observe(info({ ackSeq: ack, ackAt: T0 + 40_000, num_pending: last - ack }), now, {
        stream: { last_seq: last, last_ts: iso(now) },
      });
    }
    expect(r).toMatchObject({ status: 'STOP', rule: 'stopped' });
    // Caught up.
    const now = T0 + 130_000;
    r = t.observe(info({ ackSeq: last, ackAt: now }), now, { stream: { last_seq: last, last_ts: iso(now) } });
    expect(r).toMatchObject({ status: 'OK', rule: 'caught-up', lag: 0 });
  });

  it('calls a consumer that keeps acking nothing new STALL, and prefers a direct time lag', () => {
    const t = createJetStreamLagTracker();
    let r;
    // Acks arrive (last_active moves) but the floor does not: one message keeps failing.
    for (let i = 0; i < 4; i++)
      r = t.observe(
        info({ ackSeq: 50, ackAt: T0 + i * 5_000, num_ack_pending: 1, num_pending: 10 + i }),
        T0 + i * 5_000,
        { oldestUnackedAt: T0 - 1_000 },
      );
    expect(r).toMatchObject({ status: 'STALL', rule: 'stalled', timeLag: { ms: 16_000, source: 'direct' } });
  });
});
