import { describe, expect, it } from 'vitest';
import { coPartitionProblems, rangeAssign } from './range-assign';

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

describe('co-partitioning of replica pairs', () => {
  const pairs = [{ id: 'inv', serverA: 'replica_a', serverB: 'replica_b' }];

  it('finds nothing wrong when every A topic has a B twin with as many partitions', () => {
    expect(coPartitionProblems(pairs, { 'replica_a.inventory.c': 3, 'replica_b.inventory.c': 3, x: 1 })).toEqual([]);
  });

  it('names a twin with another partition count, or none', () => {
    expect(
      coPartitionProblems(pairs, {
        'replica_a.inventory.c': 3,
        'replica_b.inventory.c': 1,
        'replica_a.inventory.o': 2,
      }),
    ).toEqual([
      {
        pairId: 'inv',
        topicA: 'replica_a.inventory.c',
        topicB: 'replica_b.inventory.c',
        partitionsA: 3,
        partitionsB: 1,
      },
      {
        pairId: 'inv',
        topicA: 'replica_a.inventory.o',
        topicB: 'replica_b.inventory.o',
        partitionsA: 2,
        partitionsB: undefined,
      },
    ]);
  });
});
