import { describe, expect, it } from 'vitest';
import type { CoPartitionProblem } from '@/lib/contracts/replicas';
import { CO_PARTITION_MEANING, coPartitionLine, coPartitionTitle } from './co-partition-text';

const partitions: CoPartitionProblem = {
  kind: 'partitions',
  table: 'inv.orders',
  topicA: 'replica_a.inv.orders',
  topicB: 'replica_b.inv.orders',
  partitionsA: 3,
  partitionsB: 6,
  sourceA: 'k',
  sourceB: 'k',
};

describe('co-partitioning warning text (issue #14)', () => {
  it('names each split table with its topics and partition counts, or its two sources', () => {
    expect(coPartitionLine(partitions)).toBe(
      'inv.orders: replica_a.inv.orders has 3 partitions, replica_b.inv.orders 6',
    );
    expect(coPartitionLine({ ...partitions, kind: 'sources', sourceA: 'k1', sourceB: 'k2' })).toBe(
      'inv.orders: replica_a.inv.orders is read by source k1, replica_b.inv.orders by source k2',
    );
    expect(
      coPartitionLine({
        ...partitions,
        kind: 'sources',
        table: '*',
        topicA: null,
        topicB: null,
        sourceA: 'k1',
        sourceB: 'k2',
      }),
    ).toBe('all tables: side A is read by source k1, side B by source k2');
  });

  it('names the two shards of a JetStream table, or says a subject is in none', () => {
    const shards: CoPartitionProblem = {
      ...partitions,
      kind: 'shards',
      topicA: 'replica_a.inv.orders',
      topicB: 'replica_b.inv.orders',
      partitionsA: null,
      partitionsB: null,
      shardA: 'replica_a.>',
      shardB: 'replica_b.>',
    };
    expect(coPartitionLine(shards)).toBe(
      'inv.orders: replica_a.inv.orders is in shard replica_a.>, replica_b.inv.orders in shard replica_b.>',
    );
    expect(coPartitionLine({ ...shards, shardB: null })).toBe(
      'inv.orders: replica_a.inv.orders is in shard replica_a.>, replica_b.inv.orders in no shard (read by no instance)',
    );
    expect(CO_PARTITION_MEANING).toContain('one shard');
  });

  it('counts the tables in the title', () => {
    expect(coPartitionTitle([partitions])).toBe('Split across instances: 1 table of this pair is not co-partitioned');
    expect(coPartitionTitle([partitions, { ...partitions, table: 'inv.c' }])).toBe(
      'Split across instances: 2 tables of this pair are not co-partitioned',
    );
    expect(coPartitionTitle([{ ...partitions, table: '*' }])).toBe('Split across instances: every table of this pair');
  });

  it('says which figures cannot be trusted and which still can', () => {
    for (const words of [
      'only-in-A/B and lost',
      'not loss',
      'matched',
      'divergent',
      'delay',
      'Duplicates on each side are still right',
    ])
      expect(CO_PARTITION_MEANING).toContain(words);
  });
});
