import { randomUUID } from 'node:crypto';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import type { KafkaSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createBatchQueue } from '../batch-queue';
import { BACKLOG_POLL_MS, createHealthTracker, type ClusterLink, type Source } from '../source';
import { createClusterPartitions } from './cluster-partitions';
import { RangeAssigner } from './range-assigner';
import { createKafkaBacklog } from './backlog';
import { createKafkaClient, headersOf, resolveTopics } from './client';
import { safeErrorText } from '../../../lib/redact';

/** Messages held between the client and the pipeline before the fetch loop waits. */
// Four default batches: enough to keep the pipeline busy while the client fetches; 20,000 held ~40 MiB more at
// peak (bench/jetstream-ingest.ts, issue #11) and only delayed the backpressure.
const QUEUE_CAPACITY = 2_000;
/** Own-backlog measurement spacing per topic read: 500 topics are measured every 5 s, not every 2 s. */
const BACKLOG_MS_PER_TOPIC = 10;
/**
 * Bytes one fetch response may carry (kafkajs' default is 10 MB). kafkajs decodes a whole response and hands
 * its batches over in one turn of the event loop; catching up on a long history, that turn is what an HTTP
 * request waits behind. 1 MB bounds it to tens of milliseconds; a local fetch round trip costs about one.
 */
const FETCH_MAX_BYTES = 1024 * 1024;
/** kafkajs fetches at least this often when idle; silence much longer than that means trouble. */
const FETCH_SILENCE_MS = 15_000;

/**
 * Reads Kafka topics without disturbing anybody: a consumer group of its own
 * (`cdcscope-<uuid>`) that never commits, so application groups never
 * rebalance and no offsets are stored. Because nothing is committed, a rejoin
 * after an outage would fall back to the start policy; instead the source
 * remembers the next offset of every partition, seeks there on every join and
 * drops anything below it, so no event is counted twice.
 */
export function createKafkaSource(config: KafkaSourceConfig, cluster?: ClusterLink): Source {
  const queue = createBatchQueue<RawMessage>(QUEUE_CAPACITY);
  const health = createHealthTracker();
  // Cluster mode (issue #14): one group for the deployment, so Kafka splits the partitions among the instances.
  const groupId = cluster?.groupId ?? `cdcscope-${config.clientId}-${randomUUID().slice(0, 8)}`;
  const nextOffset = new Map<string, bigint>();
  /** Broker timestamp of the last message read per partition, for the source's own backlog in seconds. */
  const lastReadAt = new Map<string, number>();
  /** Messages of batches waiting for room in the queue: read from the broker, not in the queue yet. */
  let handing = 0;
  let attempt = 1;
  let lastFetch = Date.now();
  let closed = false;
  let consumer: Consumer | null = null;
  let topics: string[] = [];
  const channels = [...config.topics];

  const kafka: Kafka = createKafkaClient(config, (level, message) => {
    if (level === 'error' && !closed) health.error(message, attempt);
  });
  const admin = kafka.admin();
  /** Each topic's partition count, measured with the backlog; cluster mode reports it (co-partitioning). */
  const partitionCounts = new Map<string, number>();
  const backlog = createKafkaBacklog({
    admin,
    start: config.start,
    topics: () => topics,
    nextOffset,
    lastReadAt,
    queue,
    handing: () => handing,
    partitionCounts,
  });

  const shared =
    cluster &&
    createClusterPartitions({
      sourceId: config.id,
      link: cluster,
      nextOffset,
      partitionCounts,
      startOffset: async (topic, partition) => {
        const offsets = await admin.fetchTopicOffsets(topic);
        const o = offsets.find((x) => x.partition === partition);
        if (!o) throw new Error(`no partition ${partition} in ${topic}`);
        return config.start === 'latest' ? o.high : o.low;
      },
      onError: (m) => health.error(m, attempt),
    });

  async function seekAll(c: Consumer, assigned: Record<string, number[]>, firstJoin: boolean) {
    if (shared) {
      shared.assigned(c, assigned);
      return;
    }
    for (const [topic, partitions] of Object.entries(assigned)) {
      for (const partition of partitions) {
        const known = nextOffset.get(`${topic}:${partition}`);
        if (known !== undefined) c.seek({ topic, partition, offset: known.toString() });
      }
      if (firstJoin && typeof config.start === 'object') {
        const ts =
          typeof config.start.timestamp === 'number' ? config.start.timestamp : Date.parse(config.start.timestamp);
        const offsets = await admin.fetchTopicOffsetsByTimestamp(topic, ts);
        for (const o of offsets)
          if (!nextOffset.has(`${topic}:${o.partition}`)) c.seek({ topic, partition: o.partition, offset: o.offset });
      }
    }
  }

  async function onBatch({ batch }: EachBatchPayload) {
    const receivedAt = Date.now();
    const key = `${batch.topic}:${batch.partition}`;
    // In cluster mode a partition is read only once its hand-over is done, and never after it was taken away.
    if (shared && !shared.readable(batch.topic, batch.partition)) return;
    const floor = nextOffset.get(key) ?? -1n;
    const out: RawMessage[] = [];
    for (const m of batch.messages) {
      const offset = BigInt(m.offset);
      if (offset < floor) continue;
      out.push({
        sourceId: config.id,
        origin: {
          kind: 'kafka',
          topic: batch.topic,
          partition: batch.partition,
          offset: m.offset,
          timestamp: Number(m.timestamp),
        },
        key: m.key ?? null,
        value: m.value ?? null,
        headers: headersOf(m.headers),
        receivedAt,
      });
    }
    const last = batch.messages.at(-1);
    if (last) {
      nextOffset.set(key, BigInt(last.offset) + 1n);
      lastReadAt.set(key, Number(last.timestamp));
    }
    handing += out.length;
    try {
      await queue.push(out);
    } finally {
      handing -= out.length;
    }
  }

  async function startConsumer() {
    const existing = await admin.listTopics();
    topics = resolveTopics(config.topics, existing, config.schemaChangeTopics);
    if (topics.length === 0) throw new Error(`no topic matches ${config.topics.join(', ')}`);
    const c = kafka.consumer({
      groupId,
      // Range: partition p of co-partitioned topics on one instance. A dead instance's partitions move after 10 s.
      ...(shared ? { partitionAssigners: [RangeAssigner], sessionTimeout: 10_000, heartbeatInterval: 1_000 } : {}),
      allowAutoTopicCreation: false,
      maxWaitTimeInMs: 1_000,
      maxBytes: FETCH_MAX_BYTES,
      retry: { retries: Number.MAX_SAFE_INTEGER, maxRetryTime: 5_000 },
    });
    let joins = 0;
    c.on(c.events.GROUP_JOIN, (e) => {
      void seekAll(c, e.payload.memberAssignment, joins++ === 0).catch((err: unknown) => {
        health.error(`seek failed: ${safeErrorText(err)}`, attempt);
      });
    });
    c.on(c.events.FETCH, () => {
      lastFetch = Date.now();
      attempt = 1;
      health.live();
    });
    c.on(c.events.CRASH, (e) => {
      attempt++;
      health.error(`consumer crashed: ${e.payload.error.message}`, attempt);
    });
    await c.connect();
    await c.subscribe({ topics, fromBeginning: config.start === 'earliest' || typeof config.start === 'object' });
    await c.run({ autoCommit: false, eachBatchAutoResolve: true, eachBatch: onBatch });
    consumer = c;
  }

  async function connectLoop() {
    while (!closed && !consumer) {
      try {
        health.connecting(attempt);
        await admin.connect();
        await startConsumer();
      } catch (err) {
        attempt++;
        health.error(safeErrorText(err), attempt, Date.now() + 2_000);
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  }

  /** New topics matching a pattern need a new subscription: kafkajs cannot add topics to a running consumer. */
  const refresh = setInterval(() => {
    if (!consumer || closed) return;
    if (Date.now() - lastFetch > FETCH_SILENCE_MS)
      health.error(`no fetch response for ${Math.round((Date.now() - lastFetch) / 1000)} s`, attempt);
    void admin
      .listTopics()
      .then(async (existing) => {
        const now = resolveTopics(config.topics, existing, config.schemaChangeTopics);
        if (closed || !consumer || now.join() === topics.join()) return;
        const old = consumer;
        consumer = null;
        await old.disconnect();
        await connectLoop();
      })
      .catch(() => undefined);
  }, config.topicRefreshMs);

  let measuring = false;
  let measuredAt = 0;
  const backlogTimer = setInterval(() => {
    // One end-offset request per topic: a source reading hundreds of topics measures less often (10 ms a topic).
    if (!consumer || closed || measuring || Date.now() - measuredAt < topics.length * BACKLOG_MS_PER_TOPIC) return;
    measuring = true;
    measuredAt = Date.now();
    // A failed measurement keeps the last one; the source's status reports broker trouble.
    void backlog
      .poll()
      .catch(() => undefined)
      .finally(() => (measuring = false));
  }, BACKLOG_POLL_MS);

  void connectLoop();

  return {
    id: config.id,
    kind: 'kafka',
    target: config.brokers.join(','),
    channels,
    // The topics subscribed to: the configured ones and the schema-change topics resolved beside them.
    readsNow: (channel) => topics.includes(channel),
    batches: () => queue,
    status: health.get,
    onStatus: health.onChange,
    backlog: backlog.get,
    async close() {
      closed = true;
      clearInterval(refresh);
      clearInterval(backlogTimer);
      queue.close();
      await Promise.allSettled([consumer?.disconnect(), admin.disconnect()]);
      health.stopped();
    },
  };
}
