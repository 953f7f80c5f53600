import { describe, expect, it } from 'vitest';
import { faultSchedule, parseTargets, prng, TARGETS } from './schedule';

describe('fault schedule', () => {
  it('is the same for the same seed and differs for another', () => {
    expect(faultSchedule({ seed: 7, faults: 30 })).toEqual(faultSchedule({ seed: 7, faults: 30 }));
    expect(faultSchedule({ seed: 8, faults: 30 })).not.toEqual(faultSchedule({ seed: 7, faults: 30 }));
  });

  it('hits every target once before any twice, and both kinds on every target over two rounds', () => {
    const s = faultSchedule({ seed: 3, faults: TARGETS.length * 2 });
    expect(s).toHaveLength(18);
    expect(new Set(s.slice(0, TARGETS.length).map((f) => f.target))).toEqual(new Set(TARGETS));
    for (const t of TARGETS)
      expect(new Set(s.filter((f) => f.target === t).map((f) => f.kind))).toEqual(new Set(['kill', 'pause']));
    expect(s.map((f) => f.n)).toEqual(Array.from({ length: 18 }, (_, i) => i + 1));
  });

  it('keeps pauses and gaps within their bounds, and a kill has no pause', () => {
    const s = faultSchedule({ seed: 11, faults: 100, pauseMs: [1000, 2000], gapMs: [50, 60] });
    for (const f of s) {
      if (f.kind === 'kill') expect(f.pauseMs).toBe(0);
      else {
        expect(f.pauseMs).toBeGreaterThanOrEqual(1000);
        expect(f.pauseMs).toBeLessThanOrEqual(2000);
      }
      expect(f.gapMs).toBeGreaterThanOrEqual(50);
      expect(f.gapMs).toBeLessThanOrEqual(60);
    }
  });

  it('draws only from the targets asked for, and refuses nonsense', () => {
    const s = faultSchedule({ seed: 1, faults: 10, targets: ['kafka', 'nats'] });
    expect(new Set(s.map((f) => f.target))).toEqual(new Set(['kafka', 'nats']));
    expect(() => faultSchedule({ seed: 1, faults: 0 })).toThrow(/positive/);
    expect(() => faultSchedule({ seed: 1, faults: 5, targets: [] })).toThrow(/no targets/);
    expect(parseTargets('kafka, nats')).toEqual(['kafka', 'nats']);
    expect(() => parseTargets('kafka,zookeeper')).toThrow(/zookeeper.*known: kafka/);
  });

  it('prng is uniform enough to spread the draws', () => {
    const r = prng(42);
    const xs = Array.from({ length: 10_000 }, r);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.48);
    expect(mean).toBeLessThan(0.52);
  });
});
