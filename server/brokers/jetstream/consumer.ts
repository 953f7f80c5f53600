import { connect, type NatsConnection } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, type JsMsg, type OrderedConsumerOptions } from '@nats-io/jetstream';
import type { JetStreamSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createSubjectMatcher, versionAtLeast } from '../../../lib/nats/subject-match';
import { createBatchQueue } from '../batch-queue';
import { BACKLOG_POLL_MS, createHealthTracker, type ClusterLink, type Source } from '../source';
import { createJetStreamShards } from './cluster-shards';
import { createBacklogMeter } from '../../../lib/analytics/source-backlog';
import type { SourceBacklog } from '../../../lib/contracts/source-status';
import { connectionOptions, displayServers, headersOf, streamTimeMs } from './client';
import { safeErrorText } from '../../../lib/redact';

// Four default batches: enough to keep the pipeline busy while the client fetches; 20,000 held ~40 MiB more at
// peak (bench/jetstream-ingest.ts, issue #11) and only delayed the backpressure.
const QUEUE_CAPACITY = 2_000;

/**
 * Translates the configured start into ordered-consumer options. The subject
 * filter goes to the server only when it understands it (2.10+).
 */
export function orderedConsumerOptions(
  config: JetStreamSourceConfig,
  serverFilters: boolean,
): Partial<OrderedConsumerOptions> {
  const base = serverFilters && config.subject !== '>' ? { filter_subjects: [config.subject] } : {};
  const start = config.start;
  if (start === 'new') return { ...base, deliver_policy: DeliverPolicy.New };
  if (start === 'all') return { ...base, deliver_policy: DeliverPolicy.All };
  if ('seq' in start) return { ...base, deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start.seq };
  const time = typeof start.time === 'number' ? new Date(start.time).toISOString() : start.time;
  return { ...base, deliver_policy: DeliverPolicy.StartTime, opt_start_time: time };
}

/**
 * Tails one JetStream stream through an ordered consumer: ephemeral, unacked,
 * in memory, recreated by the client after a gap, so nothing durable is left
 * on the server and the stream's real consumers are untouched. In cluster
 * mode with `shards`, one ordered consumer per shard this instance holds
 * (./cluster-shards.ts) in place of the one on `subject`.
 */
export function createJetStreamSource(config: JetStreamSourceConfig, cluster?: ClusterLink): Source {
  const queue = createBatchQueue<RawMessage>(QUEUE_CAPACITY);
  const health = createHealthTracker();
  let nc: NatsConnection | null = null;
  let closed = false;
  let attempt = 1;
  /** The ordered consumer now reading, and where it is: for the source's own backlog. */
  let reading: { info: () => Promise<{ num_pending: number; delivered: { consumer_seq: number } }> } | null = null;
  let lastDelivery = 0;
  let lastReadAt: number | undefined;
  const meter = createBacklogMeter();
  let backlog: SourceBacklog | undefined;
  const sharded =
    cluster?.leases && config.shards
      ? createJetStreamShards({
          config,
          shards: config.shards,
          link: cluster,
          leases: cluster.leases,
          queue,
          toRaw: (m) => toRaw(m, streamTimeMs(m)),
          onError: (message) => health.error(message, attempt),
        })
      : undefined;

  /** `timestamp`: `streamTimeMs(m)`, which the caller may need too. */
  function toRaw(m: JsMsg, timestamp: number): RawMessage {
    return {
      sourceId: config.id,
      origin: {
        kind: 'jetstream',
        stream: config.stream,
        subject: m.subject,
        seq: m.seq,
        timestamp,
      },
      key: null,
      value: m.data,
      headers: headersOf(m),
      receivedAt: Date.now(),
    };
  }

  async function watchConnection(conn: NatsConnection) {
    for await (const s of conn.status()) {
      if (closed) return;
      if (s.type === 'disconnect') health.error(`disconnected from ${s.server}`, attempt);
      else if (s.type === 'reconnecting') health.connecting(++attempt);
      else if (s.type === 'reconnect') {
        attempt = 1;
        health.live();
      } else if (s.type === 'error') health.error(safeErrorText(s.error), attempt);
    }
  }

  async function consume(conn: NatsConnection) {
    if (sharded) {
      // Its own backlog is not measured here: the shards' readers come and go with their leases.
      health.live();
      await sharded.run(conn);
      return;
    }
    const js = jetstream(conn);
    const serverFilters = versionAtLeast(conn.info?.version ?? '0.0.0', 2, 10);
    const wanted = serverFilters ? () => true : createSubjectMatcher(config.subject);
    const consumer = await js.consumers.get(config.stream, orderedConsumerOptions(config, serverFilters));
    const messages = await consumer.consume({ max_messages: 1_000 });
    reading = consumer;
    lastDelivery = 0;
    void (async () => {
      for await (const n of messages.status()) {
        if (n.type === 'stream_not_found') health.error(`stream ${config.stream} not found`, attempt);
        if (n.type === 'heartbeats_missed') health.error(`no heartbeat from the server (${n.count} missed)`, attempt);
        if (n.type === 'ordered_consumer_recreated' || n.type === 'next') health.live();
      }
    })();
    health.live();
    // The queue hands a batch over when it is full or on its timer: never `getPending() === 0`, which was seen
    // above zero on a burst's last message and held that tail until the next message (issue 10).
    for await (const m of messages) {
      lastDelivery = m.info.deliverySequence;
      const timestamp = streamTimeMs(m);
      lastReadAt = timestamp;
      if (!wanted(m.subject)) continue;
      const full = queue.add(toRaw(m, timestamp));
      if (full) await full;
    }
  }

  async function run() {
    while (!closed) {
      try {
        health.connecting(attempt);
        nc = await connect(connectionOptions(config));
        void watchConnection(nc);
        await consume(nc);
      } catch (err) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() sets it while this awaits
        if (closed) return;
        attempt++;
        health.error(safeErrorText(err), attempt, Date.now() + 2_000);
        await nc?.close().catch(() => undefined);
        nc = null;
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  }

  /**
   * Own backlog: not yet delivered to the ordered consumer (`num_pending`), plus
   * delivered but still in the client's buffer (delivered consumer sequence −
   * the last one read), plus the hand-off queue. On NATS 2.9 (subject filter on
   * the client) other subjects of the stream count too: they must be read to be
   * skipped.
   */
  async function measureBacklog() {
    const r = reading;
    if (!r) return;
    // Our position before the server's figures (as for Kafka, kafka/backlog.ts): what we read while the request
    // was out would otherwise come off `buffered` although the server still counted it as delivered, and the
    // backlog would read low. Taken first, it can only read high, by what was read meanwhile.
    const readBefore = lastDelivery;
    const ci = await r.info();
    // A consumer recreated meanwhile restarts its delivery sequence: nothing of the old one is buffered.
    const buffered = reading === r ? Math.max(0, ci.delivered.consumer_seq - readBefore) : 0;
    const oldest = queue.oldest();
    backlog = meter.measure(
      [{ key: 'stream', unread: ci.num_pending + buffered, ...(lastReadAt !== undefined ? { lastReadAt } : {}) }],
      { size: queue.size, ...(oldest ? { oldestAt: oldest.origin.timestamp } : {}) },
      Date.now(),
    );
  }
  let measuring = false;
  const backlogTimer = setInterval(() => {
    if (closed || measuring) return;
    measuring = true;
    // A failed measurement keeps the last one; the source's status reports connection trouble.
    void measureBacklog()
      .catch(() => undefined)
      .finally(() => (measuring = false));
  }, BACKLOG_POLL_MS);

  void run();

  return {
    id: config.id,
    kind: 'jetstream',
    target: `${displayServers(config.servers)} stream ${config.stream}`,
    channels: sharded ? sharded.channels : [config.subject],
    batches: () => queue,
    status: health.get,
    onStatus: health.onChange,
    backlog: () => backlog,
    async close() {
      closed = true;
      clearInterval(backlogTimer);
      await sharded?.close();
      queue.close();
      await nc?.close().catch(() => undefined);
      health.stopped();
    },
  };
}
