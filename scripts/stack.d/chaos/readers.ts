/**
 * The storm's bare readers: every message of the stack's Kafka topics and JetStream stream,
 * read from the beginning to the end as of the start, with plain kafkajs and nats.js and no
 * cdcscope code in between. What they hand over is only channel + parsed value (null for a
 * tombstone, undefined when not JSON) and, on Kafka, the parsed key; chaos/truth.ts counts it.
 */
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { connect } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';

/** `key`: the Kafka message key, parsed like the value (undefined on JetStream, which has none). */
export type OnMessage = (channel: string, value: unknown, key?: unknown) => void;

const parse = (bytes: Uint8Array | Buffer | null): unknown => {
  if (bytes === null) return null;
  try {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
};

/** Ends (and sums) of every partition of the topics `pick` accepts: what "the end as of now" is. */
export async function kafkaEnds(bootstrap: string, pick: (topic: string) => boolean): Promise<Map<string, number>> {
  const admin = new Kafka({ clientId: 'storm-count', brokers: [bootstrap], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const ends = new Map<string, number>();
    for (const topic of (await admin.listTopics()).filter(pick)) {
      for (const p of await admin.fetchTopicOffsets(topic)) ends.set(`${topic}/${p.partition}`, Number(p.high));
    }
    return ends;
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads every topic `pick` accepts from its first offset up to its end as of the call, with a
 * throwaway group (never committed, deleted afterwards). Returns the messages read.
 */
export async function readKafka(
  bootstrap: string,
  pick: (topic: string) => boolean,
  onMessage: OnMessage,
  timeoutMs = 300_000,
): Promise<number> {
  const kafka = new Kafka({ clientId: 'storm-count', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const ends = await kafkaEnds(bootstrap, pick);
  const topics = [...new Set([...ends.keys()].map((k) => k.slice(0, k.lastIndexOf('/'))))];
  const remaining = new Map([...ends].filter(([, high]) => high > 0));
  if (topics.length === 0 || remaining.size === 0) return 0;
  const groupId = `storm-count-${randomUUID()}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false, maxBytes: 16 << 20 });
  let read = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`kafka count not done after ${timeoutMs / 1000} s; ${remaining.size} partitions short`));
      }, timeoutMs);
      consumer
        .run({
          autoCommit: false,
          eachMessage: async ({ topic, partition, message }) => {
            const k = `${topic}/${partition}`;
            const high = remaining.get(k);
            const offset = Number(message.offset);
            if (high === undefined || offset >= high) return; // written after the count began
            read++;
            onMessage(topic, parse(message.value), parse(message.key));
            if (offset >= high - 1) remaining.delete(k);
            if (remaining.size === 0) {
              clearTimeout(timer);
              resolve();
            }
            await Promise.resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect().catch(() => undefined);
    const admin = kafka.admin();
    await admin.connect().catch(() => undefined);
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
  }
  return read;
}

/** Messages per subject matching `filter` (e.g. `pg.>`): unlike the last sequence, heartbeats on other subjects do not move it. */
export async function streamSubjects(url: string, stream: string, filter: string): Promise<Record<string, number>> {
  const nc = await connect({ servers: url, name: 'storm-count' });
  try {
    return (await (await jetstreamManager(nc)).streams.info(stream, { subjects_filter: filter })).state.subjects ?? {};
  } finally {
    await nc.close();
  }
}

/** Reads the whole stream up to its last sequence as of the call, with an ordered (ephemeral, unacked) consumer. */
export async function readStream(
  url: string,
  stream: string,
  onMessage: OnMessage,
  timeoutMs = 300_000,
): Promise<number> {
  const nc = await connect({ servers: url, name: 'storm-count' });
  let read = 0;
  try {
    const info = await (await jetstreamManager(nc)).streams.info(stream);
    const last = info.state.last_seq;
    if (info.state.messages === 0) return 0;
    const c = await jetstream(nc).consumers.get(stream, { deliver_policy: DeliverPolicy.All });
    const messages = await c.consume({ max_messages: 1000 });
    const timer = setTimeout(() => void messages.close(), timeoutMs);
    for await (const m of messages) {
      read++;
      onMessage(m.subject, m.data.length === 0 ? null : parse(m.data));
      if (m.seq >= last) break;
    }
    clearTimeout(timer);
    if (read < info.state.messages)
      throw new Error(`stream count stopped at ${read} of ${info.state.messages} messages`);
    return read;
  } finally {
    await nc.close();
  }
}
