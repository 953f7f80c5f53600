import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { defaultPartitionFor } from '../../../lib/row-history/murmur2';

/** lib/row-history's copy of the default partitioner picks what kafkajs's DefaultPartitioner (Java-compatible) picks. */
describe("row history's partition choice against kafkajs", () => {
  it('agrees on random keys of every length and partition counts 1–64', () => {
    const partitioner = Partitioners.DefaultPartitioner();
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    for (let i = 0; i < 2_000; i++) {
      const key = Buffer.from(Array.from({ length: next() % 40 }, () => next() & 0xff));
      const partitions = 1 + (next() % 64);
      const partitionMetadata = Array.from({ length: partitions }, (_, p) => ({
        partitionId: p,
        leader: 1,
        partitionErrorCode: 0,
        replicas: [1],
        isr: [1],
      }));
      const theirs = partitioner({ topic: 't', partitionMetadata, message: { key, value: null } });
      expect(defaultPartitionFor(key, partitions)).toBe(theirs);
    }
  });
});
