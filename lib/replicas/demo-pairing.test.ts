import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { createDemoGenerator } from '../demo/generator';
import { createPairTracker } from './pair-tracker';

const T0 = 1_700_000_000_000;

describe('pairing the demo pipeline (lib/demo)', () => {
  it('matches demo_a and demo_b: no false divergence, B duplicates recognised, only the changes B drops are only in A', () => {
    // demo_a is schema-wrapped with transaction metadata, demo_b bare without: the default identity must not care.
    const gen = createDemoGenerator({ sourceId: 'demo', seed: 42 });
    const t = createPairTracker({ pairId: 'demo', sideA: { serverName: 'demo_a' }, sideB: { serverName: 'demo_b' } });
    const seconds = 60;
    for (let ms = 0; ms <= (seconds + 15) * 1000; ms += 100) {
      const now = T0 + ms;
      for (const raw of gen.tick(now, ms <= seconds * 1000 ? 40 : 0)) t.offer(decodeMessage(raw), now);
      if (ms % 1000 === 0) t.tick(now);
    }
    const s = t.snapshot(T0 + (seconds + 15) * 1000);
    const { a, b } = s.totals;
    expect(a.unique).toBeGreaterThan(5_000);
    expect(s.totals.divergent).toBe(0);
    expect(a.duplicates).toBe(0);
    expect(b.duplicates).toBeGreaterThan(0);
    expect(b.duplicates).toBeLessThan(b.unique * 0.02);
    expect(b).toMatchObject({ onlyIn: 0, pending: 0, lost: 0, evicted: 0 });
    // The generator drops 0.1% of B's copies.
    expect(a.onlyIn).toBeGreaterThan(0);
    expect(a.onlyIn).toBeLessThan(a.unique * 0.005);
    expect(s.totals.matched).toBe(a.unique - a.onlyIn);
    expect(s.onlyInA.length).toBe(Math.min(a.onlyIn, 50));
    expect(s.totals.ignored).toBeGreaterThan(0); // the initial snapshot reads
    expect(s.idBasis.content).toBe(0);
    expect(s.delay.m5.max).toBeLessThanOrEqual(500);
    // 75 simulated seconds of the demo (tens of thousands of events decoded and paired): about 2 s alone, but
    // several times that when the machine is busy. A correctness test, not a timing one: it gets room.
  }, 60_000);
});
