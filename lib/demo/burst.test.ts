import { describe, expect, it } from 'vitest';
import { BURST_CHANGES, BURST_PERIOD_MS, FIRST_BURST_MS, createBurstSchedule } from './burst';

describe('demo bursts', () => {
  it('comes once within the first minute, then every few minutes, the same for the same seed', () => {
    const at = (seed: number) => {
      const s = createBurstSchedule({ seed, start: 0 });
      const bursts: number[] = [];
      for (let t = 0; t <= 20 * 60_000; t += 100) if (s.changesAt(t) > 0) bursts.push(t);
      return bursts;
    };
    const bursts = at(42);
    expect(bursts[0]).toBe(FIRST_BURST_MS);
    expect(bursts[0]).toBeLessThan(60_000);
    for (let i = 1; i < bursts.length; i++) {
      const gap = (bursts[i] as number) - (bursts[i - 1] as number);
      expect(gap).toBeGreaterThanOrEqual(BURST_PERIOD_MS);
      expect(gap).toBeLessThanOrEqual(BURST_PERIOD_MS + 30_000 + 100);
    }
    expect(bursts.length).toBeGreaterThanOrEqual(5);
    expect(at(42)).toEqual(bursts);
    expect(createBurstSchedule({ seed: 1, start: 0 }).changesAt(FIRST_BURST_MS)).toBe(BURST_CHANGES);
  });
});
