import type { Batch, Consumer } from 'kafkajs';
import type { KafkaSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { aborted } from '../seek-reader';
import { headersOf } from './client';
import { deleteSeekGroup, seekGroupId, seekKafkaClient } from './seek-reader';

/**
 * Reads ONE message back from the broker, for "fetch in full on demand":
 * the list carries only a cut preview and this reference. Undefined when the
 * message is gone (retention, compaction) or never existed.
 */

/** How long a single read may take before it is reported as failed. */
export const READ_MESSAGE_TIMEOUT_MS = 15_000;

/**
 * kafkajs 2.2 has no manual partition assignment, so this too is a
 * throwaway group (`cdcscope-seek-<random>`, never committing, deleted after)
 * that seeks the one partition to the offset and takes the first message.
 */
export async function readKafkaMessage(
  config: KafkaSourceConfig,
  topic: string,
  partition: number,
  offset: string,
): Promise<RawMessage | undefined> {
  const kafka = seekKafkaClient(config);
  const admin = kafka.admin({ retry: { retries: 3 } });
  const groupId = seekGroupId();
  let consumer: Consumer | undefined;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), READ_MESSAGE_TIMEOUT_MS);
  try {
    await admin.connect();
    if (!(await admin.listTopics()).includes(topic)) return undefined;
    const range = (await admin.fetchTopicOffsets(topic)).find((p) => p.partition === partition);
    const wanted = BigInt(offset);
    if (!range || wanted < BigInt(range.low) || wanted >= BigInt(range.high)) return undefined;
    const c = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: 1024 * 1024,
      maxWaitTimeInMs: 250,
      retry: { retries: 3 },
    });
    consumer = c;
    let settle: (m: RawMessage | undefined | Error) => void = () => undefined;
    const found = new Promise<RawMessage | undefined | Error>((resolve) => (settle = resolve));
    c.on(c.events.GROUP_JOIN, (e) => {
      for (const p of e.payload.memberAssignment[topic] ?? []) {
        if (p === partition) c.seek({ topic, partition, offset });
        else c.pause([{ topic, partitions: [p] }]);
      }
    });
    c.on(c.events.CRASH, (e) => settle(new Error(`Kafka consumer failed: ${e.payload.error.message}`)));
    void aborted(timeout.signal).then(() =>
      settle(new Error(`no answer from Kafka within ${READ_MESSAGE_TIMEOUT_MS / 1000} s`)),
    );
    await c.connect();
    await c.subscribe({ topics: [topic], fromBeginning: false });
    const take = (batch: Batch): void => {
      if (batch.partition !== partition) return;
      const m = batch.messages.find((x) => BigInt(x.offset) >= wanted);
      if (!m) return;
      // A compacted or deleted offset: the next message is another one.
      if (BigInt(m.offset) !== wanted) {
        settle(undefined);
        return;
      }
      settle({
        sourceId: config.id,
        origin: { kind: 'kafka', topic, partition, offset: m.offset, timestamp: Number(m.timestamp) },
        key: m.key ?? null,
        value: m.value ?? null,
        headers: headersOf(m.headers),
        receivedAt: Number(m.timestamp),
      });
    };
    await c.run({
      autoCommit: false,
      // Nothing to await per batch: settle() ends the read.
      eachBatch: ({ batch }) => {
        take(batch);
        return Promise.resolve();
      },
    });
    const result = await found;
    if (result instanceof Error) throw result;
    return result;
  } finally {
    clearTimeout(timer);
    await consumer?.disconnect().catch(() => undefined);
    if (consumer) await deleteSeekGroup(admin, groupId);
    await admin.disconnect().catch(() => undefined);
  }
}
