import { randomUUID } from 'node:crypto';
import type { Admin, Consumer, Kafka } from 'kafkajs';
import type { KafkaSourceConfig } from '../../../lib/config/schema';
import type { SeekStart } from '../../../lib/contracts/seek';
import { createEndTracker, planKafkaSeek, type KafkaPlan } from '../../../lib/seek/seek-plan';
import { aborted, SeekInputError, type ReadScope, type SeekReader } from '../seek-reader';
import { createKafkaClient, headersOf } from './client';

/**
 * Bytes one fetch may bring back, all partitions together (kafkajs default 10 MiB).
 * What the seek holds at most besides the message in hand: memory stays
 * flat whatever the topic size. A partition still returns one message
 * larger than this, so big messages are never stuck.
 */
const FETCH_MAX_BYTES = 2 * 1024 * 1024;
const FETCH_MAX_BYTES_PER_PARTITION = 1024 * 1024;
/** Broker wait for a fetch with nothing new: short, so a paused or stopped seek is not kept waiting. */
const FETCH_MAX_WAIT_MS = 250;
/** A seek answers a person waiting: a few retries, then the error is shown, never an endless retry loop. */
const RETRIES = 3;

export function seekGroupId(): string {
  return `cdcscope-seek-${randomUUID().slice(0, 12)}`;
}

/** A client for one seek: finite retries, its own client id. Errors are reported by the calls themselves. */
export function seekKafkaClient(config: KafkaSourceConfig): Kafka {
  // Not the source's endless retries (issue #17.5): connecting to a broker that is down fails after a few seconds.
  return createKafkaClient({ ...config, clientId: `${config.clientId}-seek` }, () => undefined, {
    retry: { initialRetryTime: 300, maxRetryTime: 2_000, retries: RETRIES },
  });
}

/**
 * Deletes a seek's group once its consumer has left. Right after the leave
 * the coordinator may still be finishing the member's removal and refuse
 * (GROUP_NOT_EMPTY, COORDINATOR_LOAD_IN_PROGRESS), hence a few tries.
 * A group that never stored offsets holds nothing but its name, so a final
 * failure is logged, not thrown.
 */
export async function deleteSeekGroup(admin: Admin, groupId: string): Promise<void> {
  let last: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      await admin.deleteGroups([groupId]);
      return;
    } catch (err) {
      last = err;
      if ((err as { type?: string }).type === 'GROUP_ID_NOT_FOUND') return;
      await new Promise((r) => setTimeout(r, 300 * (attempt + 1)));
    }
  }
  const e = last as { message?: string; groups?: { errorCode?: number; error?: { message?: string } }[] };
  console.warn(
    `cdcscope: could not delete seek group ${groupId}: ${e.groups?.[0]?.error?.message ?? e.message ?? String(last)}`,
  );
}

/** Partitions' offsets and the plan, within the scope's partition; the topic must be one the source reads. */
export async function planFor(admin: Admin, topic: string, start: SeekStart, scope?: ReadScope): Promise<KafkaPlan> {
  const topics = await admin.listTopics();
  if (!topics.includes(topic)) throw new SeekInputError(`topic ${topic} does not exist`);
  const ranges = (await admin.fetchTopicOffsets(topic)).map((p) => ({
    partition: p.partition,
    low: p.low,
    high: p.high,
  }));
  const byTime = start.kind === 'time' ? await admin.fetchTopicOffsetsByTimestamp(topic, start.time) : undefined;
  const planned = planKafkaSeek(start, ranges, byTime);
  if (!planned.ok) throw new SeekInputError(planned.error);
  const only = scope?.partitionOf?.(ranges.length);
  if (only === undefined) return planned.value;
  return { partitions: planned.value.partitions.filter((p) => p.partition === only) };
}

/**
 * Reads a topic with a throwaway consumer group `cdcscope-seek-<random>`: it
 * never commits (so nothing is stored for it) and it is deleted afterwards.
 * It never joins any application group. Each partition starts at its planned
 * offset and is paused once it reaches the high-water mark taken at the start.
 */
export function createKafkaSeekReader(
  config: KafkaSourceConfig,
  topic: string,
  start: SeekStart,
  scope?: ReadScope,
): SeekReader {
  return {
    async read(onMessage, signal) {
      const kafka = seekKafkaClient(config);
      const admin = kafka.admin({ retry: { retries: RETRIES } });
      const groupId = seekGroupId();
      const held: { consumer?: Consumer } = {};
      try {
        await admin.connect();
        const plan = await planFor(admin, topic, start, scope);
        if (plan.partitions.length === 0 || signal.aborted) return signal.aborted ? 'stopped' : 'end';
        return await consume({ kafka, sourceId: config.id, groupId, topic, plan, onMessage, signal, held });
      } finally {
        await held.consumer?.disconnect().catch(() => undefined);
        // Empty once its only member left; nothing was committed, so this only removes the name.
        if (held.consumer) await deleteSeekGroup(admin, groupId);
        await admin.disconnect().catch(() => undefined);
      }
    },
  };
}

interface ConsumeArgs {
  kafka: Kafka;
  sourceId: string;
  groupId: string;
  topic: string;
  plan: KafkaPlan;
  onMessage: Parameters<SeekReader['read']>[0];
  signal: AbortSignal;
  /** Where the consumer is left for the caller to close, whatever happens here. */
  held: { consumer?: Consumer };
}

async function consume({
  kafka,
  sourceId,
  groupId,
  topic,
  plan,
  onMessage,
  signal,
  held,
}: ConsumeArgs): Promise<'end' | 'stopped'> {
  const tracker = createEndTracker(plan);
  const next = new Map(plan.partitions.map((p) => [p.partition, p.start]));
  const consumer = kafka.consumer({
    groupId,
    allowAutoTopicCreation: false,
    maxBytes: FETCH_MAX_BYTES,
    maxBytesPerPartition: FETCH_MAX_BYTES_PER_PARTITION,
    maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
    retry: { retries: RETRIES },
  });
  held.consumer = consumer;
  let settle: (r: 'end' | 'stopped' | Error) => void = () => undefined;
  const outcome = new Promise<'end' | 'stopped' | Error>((resolve) => (settle = resolve));
  const pause = (partition: number) => consumer.pause([{ topic, partitions: [partition] }]);

  // Seeks are applied on every join (the first, and any rebalance): from the planned start, later from where it got to.
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    for (const partition of e.payload.memberAssignment[topic] ?? []) {
      const offset = next.get(partition);
      if (offset === undefined || tracker.beyond(partition, offset)) pause(partition);
      else consumer.seek({ topic, partition, offset: offset.toString() });
    }
  });
  consumer.on(consumer.events.CRASH, (e) => settle(new Error(`Kafka consumer failed: ${e.payload.error.message}`)));
  void aborted(signal).then(() => settle('stopped'));

  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    eachBatchAutoResolve: false,
    eachBatch: async (payload) => {
      const { batch } = payload;
      let lastBeat = Date.now();
      for (const m of batch.messages) {
        if (!payload.isRunning() || payload.isStale() || signal.aborted) return;
        const offset = BigInt(m.offset);
        // Written after the seek started: not part of this seek.
        if (tracker.beyond(batch.partition, offset)) {
          pause(batch.partition);
          return;
        }
        const go = await onMessage(
          {
            sourceId,
            origin: {
              kind: 'kafka',
              topic,
              partition: batch.partition,
              offset: m.offset,
              timestamp: Number(m.timestamp),
            },
            key: m.key ?? null,
            value: m.value ?? null,
            headers: headersOf(m.headers),
            // A seek reads history: "received" is when the broker stored it, which is what from/to compare.
            receivedAt: Number(m.timestamp),
          },
          true,
        );
        // Only moves kafkajs' fetch position: nothing is committed (autoCommit off, no commitOffsets).
        payload.resolveOffset(m.offset);
        next.set(batch.partition, offset + 1n);
        if (tracker.seen(batch.partition, offset)) pause(batch.partition);
        if (!go) {
          settle('stopped');
          return;
        }
        if (tracker.finished) {
          settle('end');
          return;
        }
        // A slow reader (the browser) must not cost the group its membership.
        if (Date.now() - lastBeat > 1_000) {
          await payload.heartbeat();
          lastBeat = Date.now();
        }
      }
    },
  });
  const result = await outcome;
  if (result instanceof Error) throw result;
  return result;
}
