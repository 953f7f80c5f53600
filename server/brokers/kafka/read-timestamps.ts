import type { Admin, Batch, Kafka } from 'kafkajs';
import { deleteSeekGroup, seekGroupId } from './seek-reader';

/** Longest one topic's read may take; partitions not reached by then keep their estimate. */
export const READ_TIMESTAMPS_TIMEOUT_MS = 10_000;

/**
 * The timestamp of the oldest message at or after `offset`, per partition of
 * one topic: what a consumer group committed at `offset` has not read yet.
 * A compacted-away offset gives the next message, which is then the oldest
 * unconsumed one. kafkajs 2.2 has no manual assignment, so this is one
 * throwaway group (`cdcscope-seek-<random>`, never committing, deleted after)
 * for all partitions of the topic: one group join per topic, not per partition.
 * Partitions not read within the timeout are missing from the answer.
 */
export async function readKafkaTimestamps(
  kafka: Kafka,
  admin: Admin,
  topic: string,
  wanted: ReadonlyMap<number, number>,
  timeoutMs = READ_TIMESTAMPS_TIMEOUT_MS,
): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  if (wanted.size === 0) return found;
  const groupId = seekGroupId();
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    // One message per partition is all this needs; small fetches keep it cheap on big topics.
    maxBytesPerPartition: 64 * 1024,
    maxWaitTimeInMs: 250,
    retry: { retries: 2 },
  });
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const timer = setTimeout(done, timeoutMs);
  try {
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      for (const p of e.payload.memberAssignment[topic] ?? []) {
        const offset = wanted.get(p);
        if (offset === undefined) consumer.pause([{ topic, partitions: [p] }]);
        else consumer.seek({ topic, partition: p, offset: String(offset) });
      }
    });
    consumer.on(consumer.events.CRASH, () => done());
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const take = (batch: Batch) => {
      const from = wanted.get(batch.partition);
      if (from === undefined || found.has(batch.partition)) return;
      const m = batch.messages.find((x) => Number(x.offset) >= from);
      if (!m) return;
      found.set(batch.partition, Number(m.timestamp));
      consumer.pause([{ topic, partitions: [batch.partition] }]);
      if (found.size === wanted.size) done();
    };
    await consumer.run({
      autoCommit: false,
      eachBatch: ({ batch }) => {
        take(batch);
        return Promise.resolve();
      },
    });
    await finished;
    return found;
  } finally {
    clearTimeout(timer);
    await consumer.disconnect().catch(() => undefined);
    await deleteSeekGroup(admin, groupId);
  }
}
