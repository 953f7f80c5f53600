import { describe, expect, it } from 'vitest';
import type { LagPercentiles } from '../contracts/table-stats';
import type { Divergence } from './divergence';
import { HISTORY_GRACE_MAX_MS, HISTORY_GRACE_MIN_MS, historyGraceMs, judgeHistories } from './history-grace';

const window = (max: number | null): LagPercentiles => ({
  count: max === null ? 0 : 10,
  p50: max,
  p95: max,
  p99: max,
  max,
});

describe('row history grace', () => {
  it('is twice the largest copy delay seen, bounded; the pair grace before any match', () => {
    expect(historyGraceMs({ m1: window(900), m5: window(4_000) }, 10_000)).toBe(8_000);
    expect(historyGraceMs({ m1: window(600), m5: window(null) }, 10_000)).toBe(HISTORY_GRACE_MIN_MS);
    expect(historyGraceMs({ m1: window(null), m5: window(120_000) }, 10_000)).toBe(HISTORY_GRACE_MAX_MS);
    expect(historyGraceMs({ m1: window(null), m5: window(null) }, 10_000)).toBe(10_000);
    expect(historyGraceMs(undefined, undefined)).toBe(HISTORY_GRACE_MAX_MS);
  });

  const onlyInA: Divergence = {
    a: 'kafka:replica_a.inventory.orders:p0@7',
    b: null,
    reason: 'only-in-a',
    agreed: 3,
    since: 100_000,
  };

  it('a change A has and B not yet is waited for while B was read within the grace, then called only in A', () => {
    // B's read began 1 s after the change was committed: B may simply be behind.
    expect(judgeHistories(onlyInA, { a: 100_500, b: 101_000 }, 5_000)).toEqual({
      state: 'waiting',
      divergence: onlyInA,
      behind: 'b',
      until: 105_000,
    });
    // Read again after the grace, still missing: only in A.
    expect(judgeHistories(onlyInA, { a: 100_500, b: 105_000 }, 5_000)).toEqual({
      state: 'diverged',
      divergence: onlyInA,
    });
  });

  it('waits for A the same way, and never for two different changes or agreeing sides', () => {
    const onlyInB: Divergence = { ...onlyInA, a: null, b: 'x', reason: 'only-in-b' };
    expect(judgeHistories(onlyInB, { a: 101_000, b: 101_000 }, 5_000)).toMatchObject({ state: 'waiting', behind: 'a' });
    const different: Divergence = { ...onlyInA, b: 'y', reason: 'different-change', since: null };
    expect(judgeHistories(different, { a: 101_000, b: 101_000 }, 5_000)).toMatchObject({ state: 'diverged' });
    expect(judgeHistories(null, { a: 101_000, b: 101_000 }, 5_000)).toEqual({ state: 'same' });
  });
});
