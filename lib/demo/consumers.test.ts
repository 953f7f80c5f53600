import { describe, expect, it } from 'vitest';
import { createDemoConsumers } from './consumers';

const START = 1_700_000_000_000;

/** Polls every 2 s for `ms` of simulated time; the statuses each group reached. */
function run(seed: number, ms: number) {
  const sim = createDemoConsumers({ seed, start: START });
  const seen = new Map<string, Set<string>>();
  let last = sim.step(START);
  for (let t = START; t <= START + ms; t += 2_000) {
    last = sim.step(t);
    for (const g of last.kafka) {
      const s = seen.get(g.group) ?? new Set<string>();
      s.add(g.worst);
      seen.set(g.group, s);
    }
  }
  return { seen, last };
}

describe('demo consumers', () => {
  it('reaches OK, WARN, STALL and STOP within a minute of simulated time', () => {
    for (const seed of [1, 42, 2024]) {
      const { seen } = run(seed, 60_000);
      expect(seen.get('orders-projector')).toEqual(new Set(['OK']));
      expect(seen.get('search-indexer')?.has('WARN')).toBe(true);
      expect(seen.get('audit-archiver')?.has('STALL')).toBe(true);
      expect(seen.get('billing-export')).toEqual(new Set(['STOP']));
    }
  });

  it('has the search indexer recover after falling behind', () => {
    const { seen } = run(7, 120_000);
    expect(seen.get('search-indexer')).toEqual(new Set(['WARN', 'OK']));
  });

  it('gives lagging groups a time lag and the JetStream consumer pending and ack-pending', () => {
    const { last } = run(3, 30_000);
    const stopped = last.kafka.find((g) => g.group === 'billing-export');
    expect(stopped?.members).toBe(0);
    expect(stopped?.maxTimeLagMs).toBeGreaterThan(30_000);
    expect(last.kafka.find((g) => g.group === 'audit-archiver')?.maxTimeLagMs).toBeGreaterThan(10_000);
    const js = last.jetstream[0];
    expect(js?.pending).toBeGreaterThan(0);
    expect(js?.ackPending).toBeGreaterThan(0);
    expect(js?.timeLag?.ms).toBeGreaterThan(0);
  });

  it('is deterministic from the seed', () => {
    expect(run(5, 20_000).last).toEqual(run(5, 20_000).last);
  });
});
