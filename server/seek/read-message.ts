import type { Consumer } from 'kafkajs';
import { jetstreamManager } from '@nats-io/jetstream';
import { decodeOptionsFor } from '../../lib/config/decode-options';
import type { Config, JetStreamSourceConfig, KafkaSourceConfig, SourceConfig } from '../../lib/config/schema';
import { decodeMessage } from '../../lib/debezium';
import type { BrokerRef } from '../../lib/replay/event-ref';
import { toSeekEvent } from '../../lib/seek/seek-event';
import type { StoredEvent } from '../../lib/store/event-store-view';
import type { RawMessage } from '../../lib/contracts/raw-message';
import { createSubjectMatcher } from '../../lib/nats/subject-match';
import { headersOf } from '../sources/kafka-source';
import { connectForSeek } from './jetstream-seek';
import { deleteSeekGroup, seekGroupId, seekKafkaClient } from './kafka-seek';
import { aborted } from '../brokers/seek-reader';

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
export async function readKafkaMessage(config: KafkaSourceConfig, topic: string, partition: number, offset: string): Promise<RawMessage | undefined> {
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
    const c = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxBytesPerPartition: 1024 * 1024, maxWaitTimeInMs: 250, retry: { retries: 3 } });
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
    void aborted(timeout.signal).then(() => settle(new Error(`no answer from Kafka within ${READ_MESSAGE_TIMEOUT_MS / 1000} s`)));
    await c.connect();
    await c.subscribe({ topics: [topic], fromBeginning: false });
    await c.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        if (batch.partition !== partition) return;
        const m = batch.messages.find((x) => BigInt(x.offset) >= wanted);
        if (!m) return;
        // A compacted or deleted offset: the next message is another one.
        if (BigInt(m.offset) !== wanted) return settle(undefined);
        settle({
          sourceId: config.id,
          origin: { kind: 'kafka', topic, partition, offset: m.offset, timestamp: Number(m.timestamp) },
          key: m.key ?? null,
          value: m.value ?? null,
          headers: headersOf(m.headers),
          receivedAt: Number(m.timestamp),
        });
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

/** A stateless direct read of one stream sequence; only subjects the source (and `channel`) allow. */
export async function readJetStreamMessage(config: JetStreamSourceConfig, channel: string, seq: number): Promise<RawMessage | undefined> {
  const nc = await connectForSeek(config);
  try {
    const jsm = await jetstreamManager(nc);
    const m = await jsm.streams.getMessage(config.stream, { seq }).catch(() => null);
    if (!m || !createSubjectMatcher(config.subject)(m.subject) || !createSubjectMatcher(channel)(m.subject)) return undefined;
    const headers: Record<string, string> = {};
    if (m.header) for (const k of m.header.keys()) headers[k] = m.header.get(k);
    const timestamp = m.time.getTime();
    return {
      sourceId: config.id,
      origin: { kind: 'jetstream', stream: config.stream, subject: m.subject, seq: m.seq, timestamp },
      key: null,
      value: m.data,
      headers,
      receivedAt: timestamp,
    };
  } finally {
    await nc.close().catch(() => undefined);
  }
}

/**
 * One message read back and decoded into the inspector's shape, raw text
 * kept, for its detail or a replay. Undefined when the broker no longer has
 * it, or when the reference's kind is not the source's.
 */
export async function readEvent(limits: Pick<Config['limits'], 'maxValueBytes'>, source: SourceConfig, ref: BrokerRef): Promise<StoredEvent | undefined> {
  let raw: RawMessage | undefined;
  if (ref.kind === 'kafka' && source.kind === 'kafka') raw = await readKafkaMessage(source, ref.channel, ref.partition, ref.offset);
  else if (ref.kind === 'jetstream' && source.kind === 'jetstream') raw = await readJetStreamMessage(source, ref.channel, ref.seq);
  return raw && toSeekEvent(decodeMessage(raw, decodeOptionsFor(limits, source)), raw, true);
}
