import { describe, expect, it } from 'vitest';
import type { CommitObservation } from '../contracts/consumer-lag';
import { evaluatePartition, groupStatusOf, worseStatus } from './burrow-rules';

const T0 = 1_700_000_000_000;

/** A scripted window: one commit every 60 s (Burrow's usual commit interval), from [offset, lag] pairs. */
function history(pairs: [number, number][], step = 60_000): CommitObservation[] {
  return pairs.map(([offset, lag], i) => ({ offset, lag, at: T0 + i * step }));
}

const lastAt = (w: CommitObservation[]) => w[w.length - 1]?.at ?? T0;

describe("Burrow's partition rules", () => {
  it('OK when there is no lag now, or a zero lag anywhere in the window', () => {
    const busy = history([
      [100, 5],
      [200, 0],
      [300, 9],
      [400, 12],
      [500, 14],
    ]);
    expect(evaluatePartition(busy, lastAt(busy) + 1)).toEqual({ status: 'OK', rule: 'zero-lag-in-window' });
    const caughtUp = history([
      [100, 5],
      [100, 5],
    ]);
    expect(evaluatePartition(caughtUp, lastAt(caughtUp) + 1, { currentLag: 0 })).toEqual({
      status: 'OK',
      rule: 'caught-up',
    });
  });

  it('REWIND when the committed offset goes backwards', () => {
    const w = history([
      [100, 10],
      [200, 10],
      [150, 60],
      [250, 50],
    ]);
    expect(evaluatePartition(w, lastAt(w) + 1)).toEqual({ status: 'REWIND', rule: 'rewind' });
  });

  it('STOP when no commit came for longer than the window spans', () => {
    const w = history([
      [100, 10],
      [200, 20],
      [300, 30],
    ]); // spans 120 s
    expect(evaluatePartition(w, lastAt(w) + 120_000).status).not.toBe('STOP');
    expect(evaluatePartition(w, lastAt(w) + 120_001)).toEqual({ status: 'STOP', rule: 'stopped' });
  });

  it('STALL when the offset stands still while there is lag', () => {
    const w = history([
      [500, 10],
      [500, 30],
      [500, 50],
      [500, 70],
    ]);
    expect(evaluatePartition(w, lastAt(w) + 1)).toEqual({ status: 'STALL', rule: 'stalled' });
  });

  it('WARN when the offset moves but the lag never decreases', () => {
    const w = history([
      [100, 10],
      [150, 10],
      [200, 25],
      [260, 40],
      [300, 40],
    ]);
    expect(evaluatePartition(w, lastAt(w) + 1)).toEqual({ status: 'WARN', rule: 'lag-not-decreasing' });
  });

  it('OK while catching up: the lag decreased at least once', () => {
    const w = history([
      [100, 10],
      [150, 40],
      [300, 20],
      [400, 30],
    ]);
    expect(evaluatePartition(w, lastAt(w) + 1)).toEqual({ status: 'OK', rule: 'lag-decreasing' });
  });

  it('applies the rules in Burrow order: rewind before stop before stall', () => {
    const rewoundAndStopped = history([
      [200, 10],
      [100, 10],
    ]);
    expect(evaluatePartition(rewoundAndStopped, lastAt(rewoundAndStopped) + 3_600_000).status).toBe('REWIND');
    const stalledAndStopped = history([
      [100, 10],
      [100, 10],
    ]);
    expect(evaluatePartition(stalledAndStopped, lastAt(stalledAndStopped) + 3_600_000).status).toBe('STOP');
  });

  it('rates OK with "no-data" until the window has enough commits', () => {
    const one = history([[100, 50]]);
    expect(evaluatePartition(one, T0 + 3_600_000)).toEqual({ status: 'OK', rule: 'no-data' });
    expect(evaluatePartition([], T0)).toEqual({ status: 'OK', rule: 'no-data' });
    expect(evaluatePartition(one, T0 + 1, { minObservations: 1 }).status).toBe('STOP');
  });

  it('goes back to OK once the consumer catches up', () => {
    const stalled = history([
      [500, 10],
      [500, 30],
      [500, 50],
    ]);
    expect(evaluatePartition(stalled, lastAt(stalled) + 1).status).toBe('STALL');
    const recovering = [...stalled.slice(1), { offset: 560, lag: 0, at: lastAt(stalled) + 60_000 }];
    expect(evaluatePartition(recovering, lastAt(recovering) + 1)).toEqual({ status: 'OK', rule: 'caught-up' });
  });
});

describe('group status', () => {
  it('takes the worst partition, and reports REWIND/STOP/STALL as ERR', () => {
    expect(groupStatusOf(['OK', 'OK'])).toEqual({ status: 'OK', worst: 'OK' });
    expect(groupStatusOf(['OK', 'WARN'])).toEqual({ status: 'WARN', worst: 'WARN' });
    expect(groupStatusOf(['WARN', 'STOP', 'OK'])).toEqual({ status: 'ERR', worst: 'STOP' });
    expect(groupStatusOf(['STOP', 'STALL'])).toEqual({ status: 'ERR', worst: 'STALL' });
    expect(groupStatusOf(['STALL', 'REWIND'])).toEqual({ status: 'ERR', worst: 'REWIND' });
    expect(groupStatusOf([])).toEqual({ status: 'NOTFOUND', worst: 'OK' });
    expect(worseStatus('WARN', 'OK')).toBe('WARN');
  });
});
