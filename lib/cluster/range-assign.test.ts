import { describe, expect, it } from 'vitest';
import { rangeAssign } from './range-assign';

describe('range assignment', () => {
  it("gives runs of partitions per topic, the first members one more (Kafka RangeAssignor's example)", () => {
    // Kafka's javadoc: C0, C1; t0 and t1 with 3 partitions each.
    expect(rangeAssign(['C1', 'C0'], { t0: 3, t1: 3 })).toEqual({
      C0: { t0: [0, 1], t1: [0, 1] },
      C1: { t0: [2], t1: [2] },
    });
  });

  it('puts partition p of two co-partitioned topics on one member, for any member count', () => {
    for (const n of [1, 2, 3, 5, 8]) {
      const members = Array.from({ length: n }, (_, i) => `m${i}`);
      const out = rangeAssign(members, { 'replica_a.db.t': 6, 'replica_b.db.t': 6, other: 1 });
      const owner = (topic: string, p: number) => Object.entries(out).find(([, a]) => a[topic]?.includes(p))?.[0];
      for (let p = 0; p < 6; p++) {
        expect(owner('replica_a.db.t', p)).toBeDefined();
        expect(owner('replica_a.db.t', p)).toBe(owner('replica_b.db.t', p));
      }
      const all = Object.values(out).flatMap((a) => a['replica_a.db.t'] ?? []);
      expect(all.sort()).toEqual([0, 1, 2, 3, 4, 5]);
    }
  });

  it('leaves members without partitions when there are more members', () => {
    expect(rangeAssign(['a', 'b', 'c'], { t: 2 })).toEqual({ a: { t: [0] }, b: { t: [1] }, c: {} });
  });
});
