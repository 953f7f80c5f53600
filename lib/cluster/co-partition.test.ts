import { describe, expect, it } from 'vitest';
import { pairCoPartitionProblems } from './co-partition';
import { rangeAssign } from './range-assign';

const pair = { a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' } };

describe('co-partitioning of replica pairs (issue #14)', () => {
  it('finds nothing wrong when every table has both topics with as many partitions in one source', () => {
    const kafka = { k: { 'replica_a.inventory.c': 3, 'replica_b.inventory.c': 3, 'other.x': 1 } };
    expect(pairCoPartitionProblems(pair, kafka)).toEqual([]);
  });

  it('names a table whose topics differ in partition count', () => {
    const kafka = { k: { 'replica_a.inventory.c': 3, 'replica_b.inventory.c': 6, 'replica_a.inventory.o': 2 } };
    expect(pairCoPartitionProblems(pair, kafka)).toEqual([
      {
        kind: 'partitions',
        table: 'inventory.c',
        topicA: 'replica_a.inventory.c',
        topicB: 'replica_b.inventory.c',
        partitionsA: 3,
        partitionsB: 6,
        sourceA: 'k',
        sourceB: 'k',
      },
    ]);
  });

  it('the range assignor does split such a table: some partition p of A and of B go to two members', () => {
    // Why the warning is true: 3 vs 6 partitions over two members.
    const plan = rangeAssign(['m1', 'm2'], { a: 3, b: 6 });
    expect(plan.m1).toEqual({ a: [0, 1], b: [0, 1, 2] });
    expect(plan.m2).toEqual({ a: [2], b: [3, 4, 5] });
    // With 6 and 6 every p is on one member.
    const same = rangeAssign(['m1', 'm2'], { a: 6, b: 6 });
    expect(same.m1?.a).toEqual(same.m1?.b);
  });

  it('leaves out tables the pair does not compare and tables on one side only', () => {
    const kafka = { k: { 'replica_a.inv.c': 3, 'replica_b.inv.c': 1, 'replica_a.inv.o': 2 } };
    expect(pairCoPartitionProblems({ ...pair, tables: ['inv.o'] }, kafka)).toEqual([]);
  });

  it('names a table whose two topics are read by two sources (two groups)', () => {
    const kafka = { k1: { 'replica_a.inv.c': 3 }, k2: { 'replica_b.inv.c': 3 } };
    expect(pairCoPartitionProblems(pair, kafka)).toMatchObject([
      { kind: 'sources', table: 'inv.c', sourceA: 'k1', sourceB: 'k2', partitionsA: 3, partitionsB: 3 },
    ]);
  });

  it('keeps to each side its own source when the selector names one', () => {
    const kafka = { k1: { 'replica_a.inv.c': 3, 'replica_b.inv.c': 1 }, k2: { 'replica_b.inv.c': 3 } };
    const bySource = { a: { serverName: 'replica_a', sourceId: 'k1' }, b: { serverName: 'replica_b', sourceId: 'k2' } };
    expect(pairCoPartitionProblems(bySource, kafka)).toMatchObject([{ kind: 'sources', partitionsB: 3 }]);
  });

  it('sides chosen by source alone: split when they are two Kafka sources, nothing to say otherwise', () => {
    const kafka = { k1: { 'x.inv.c': 3 }, k2: { 'y.inv.c': 3 } };
    expect(pairCoPartitionProblems({ a: { sourceId: 'k1' }, b: { sourceId: 'k2' } }, kafka)).toMatchObject([
      { kind: 'sources', table: '*', sourceA: 'k1', sourceB: 'k2' },
    ]);
    // A JetStream side (no partition counts) is not judged here.
    expect(pairCoPartitionProblems({ a: { sourceId: 'k1' }, b: { sourceId: 'js' } }, kafka)).toEqual([]);
  });
});
