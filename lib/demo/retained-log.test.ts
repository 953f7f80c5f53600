import { describe, expect, it } from 'vitest';
import type { RawMessage } from '../contracts/raw-message';
import { createRetainedLog, messageBytes } from './retained-log';

const msg = (seq: number, timestamp: number, bytes = 10, topic = 't'): RawMessage => ({
  sourceId: 'demo',
  origin: { kind: 'demo', topic, seq, timestamp },
  key: null,
  value: new Uint8Array(bytes),
  headers: {},
  receivedAt: timestamp,
});

describe('demo retained log', () => {
  it('finds messages by position and by time, gaps included', () => {
    const log = createRetainedLog({ maxEvents: 100, maxBytes: 1e9 });
    for (const [seq, t] of [
      [2, 1000],
      [5, 1000],
      [6, 1100],
      [9, 1300],
    ] as const)
      log.append(msg(seq, t));
    expect(log.range()).toEqual({ firstSeq: 2, lastSeq: 9 });
    expect(log.get(5)?.origin).toMatchObject({ seq: 5 });
    expect(log.get(4)).toBeUndefined();
    expect(log.after(5)?.origin).toMatchObject({ seq: 6 });
    expect(log.after(6)?.origin).toMatchObject({ seq: 9 });
    expect(log.after(9)).toBeUndefined();
    expect([0, 2, 5, 8, 9].map((x) => log.countAfter(x))).toEqual([4, 3, 2, 1, 0]);
    expect(log.seqAtTime(0)).toBe(2);
    expect(log.seqAtTime(1000)).toBe(2);
    expect(log.seqAtTime(1001)).toBe(6);
    expect(log.seqAtTime(1200)).toBe(9);
    expect(log.seqAtTime(1301)).toBeUndefined();
  });

  it('evicts the oldest first past the count, and past the bytes', () => {
    const byCount = createRetainedLog({ maxEvents: 3, maxBytes: 1e9 });
    for (let i = 1; i <= 5000; i++) byCount.append(msg(i, i));
    expect(byCount.size).toBe(3);
    expect(byCount.range()).toEqual({ firstSeq: 4998, lastSeq: 5000 });
    expect(byCount.get(4997)).toBeUndefined();
    expect(byCount.after(1)?.origin).toMatchObject({ seq: 4998 });
    expect(byCount.seqAtTime(0)).toBe(4998);

    const one = messageBytes(msg(1, 1, 100));
    const byBytes = createRetainedLog({ maxEvents: 1000, maxBytes: one * 2 + 1 });
    for (let i = 1; i <= 4; i++) byBytes.append(msg(i, i, 100));
    expect(byBytes.range()).toEqual({ firstSeq: 3, lastSeq: 4 });
    expect(byBytes.bytes).toBe(one * 2);
    // One message above the byte cap is still kept alone (the newest), never an empty log.
    byBytes.append(msg(5, 5, 10_000));
    expect(byBytes.range()).toEqual({ firstSeq: 5, lastSeq: 5 });
  });

  it('refuses a position that goes backwards, and keeps times ordered when the clock steps back', () => {
    const log = createRetainedLog({ maxEvents: 10, maxBytes: 1e9 });
    log.append(msg(10, 5000));
    log.append(msg(10, 6000));
    log.append(msg(3, 6000));
    log.append(msg(11, 4000));
    expect(log.size).toBe(2);
    expect(log.seqAtTime(5000)).toBe(10);
    expect(log.seqAtTime(5001)).toBeUndefined();
    expect(createRetainedLog().range()).toEqual({ firstSeq: 0, lastSeq: 0 });
  });
});
