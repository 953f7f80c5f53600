import type { NatsConnection } from '@nats-io/transport-node';
import { DeliverPolicy, jetstream, jetstreamManager, type ConsumerMessages, type JsMsg } from '@nats-io/jetstream';
import type { JetStreamSourceConfig } from '../../../lib/config/schema';
import { partitionKey } from '../../../lib/contracts/cluster';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createSubjectMatcher, versionAtLeast } from '../../../lib/nats/subject-match';
import { safeErrorText } from '../../../lib/redact';
import type { BatchQueue } from '../batch-queue';
import type { ClusterLink } from '../source';

type Leases = NonNullable<ClusterLink['leases']>;

interface Shard {
  filter: string;
  /** `<source id>/<filter>/0`: a shard is kept, claimed and archived like a Kafka partition. */
  key: string;
  match: (subject: string) => boolean;
}

interface Reader {
  stop: boolean;
  messages?: ConsumerMessages;
}

/**
 * A JetStream source's shards in cluster mode (issue #14). Each shard (a
 * subject filter of `shards`) is read by the one live instance holding its
 * Redis lease (server/cluster/shard-leases.ts); an instance takes at most
 * ⌈shards / live instances⌉ and hands back one a tick while it holds more,
 * so a joining instance gets its share. A new holder starts reading only
 * where the previous holder's published counts end (`ClusterLink.resume`,
 * the Kafka hand-over's rule), so every message is counted once. Each shard
 * has its own ordered consumer from that stream sequence (ephemeral, in
 * memory): filtered by the server on NATS 2.10+, on the client on 2.9, which
 * then sends every shard's reader the whole stream.
 */
export function createJetStreamShards({
  config,
  shards: filters,
  link,
  leases,
  queue,
  toRaw,
  onError,
}: {
  config: JetStreamSourceConfig;
  shards: readonly string[];
  link: ClusterLink;
  leases: Leases;
  queue: BatchQueue<RawMessage>;
  toRaw: (m: JsMsg) => RawMessage;
  onError: (message: string) => void;
}) {
  const shards: Shard[] = filters.map((filter) => ({
    filter,
    key: partitionKey(config.id, filter, 0),
    match: createSubjectMatcher(filter),
  }));
  /** Per shard, the stream sequence after the last message handed to the pipeline. */
  const read = new Map<string, bigint>();
  /** Shards whose lease is ours. */
  const held = new Set<string>();
  /** Held shards still waiting for their hand-over. */
  const taking = new Set<string>();
  const readers = new Map<string, Reader>();
  let conn: NatsConnection | null = null;
  let stopped = false;
  let ticking = false;

  link.attach({
    assigned: () => [...held],
    read: (key) => read.get(key)?.toString(),
    keyOf(m) {
      const o = m.origin;
      return o.kind === 'jetstream' ? shards.find((s) => s.match(o.subject))?.key : undefined;
    },
  });

  /** Where the start policy begins a shard nobody has counted: a concrete sequence, so it can be claimed at once. */
  async function startSeq(): Promise<string> {
    const c = conn;
    if (!c) throw new Error('not connected');
    const start = config.start;
    if (typeof start === 'object' && 'seq' in start) return String(start.seq);
    const info = await (await jetstreamManager(c)).streams.info(config.stream);
    if (start === 'all') return String(Math.max(1, info.state.first_seq));
    if (start === 'new') return String(info.state.last_seq + 1);
    // A time: the first message at or after it, read once by a throwaway ordered consumer.
    const time = typeof start.time === 'number' ? new Date(start.time).toISOString() : start.time;
    const probe = await jetstream(c).consumers.get(config.stream, {
      deliver_policy: DeliverPolicy.StartTime,
      opt_start_time: time,
    });
    const first = await probe.next({ expires: 2_000 });
    return String(first ? first.seq : info.state.last_seq + 1);
  }

  function stopReader(key: string) {
    const r = readers.get(key);
    if (!r) return;
    r.stop = true;
    r.messages?.stop();
    readers.delete(key);
  }

  /** Stops reading a shard at once; its claim stays until what was read is counted. */
  function drop(key: string) {
    held.delete(key);
    stopReader(key);
  }

  function startReader(s: Shard) {
    const c = conn;
    const from = read.get(s.key);
    if (!c || stopped || from === undefined || readers.has(s.key) || taking.has(s.key)) return;
    const r: Reader = { stop: false };
    readers.set(s.key, r);
    void (async () => {
      const serverFilters = versionAtLeast(c.info?.version ?? '0.0.0', 2, 10);
      const consumer = await jetstream(c).consumers.get(config.stream, {
        deliver_policy: DeliverPolicy.StartSequence,
        opt_start_seq: Number(from),
        ...(serverFilters ? { filter_subjects: [s.filter] } : {}),
      });
      const messages = await consumer.consume({ max_messages: 1_000 });
      r.messages = messages;
      if (r.stop) messages.stop();
      for await (const m of messages) {
        if (r.stop) break;
        if (!s.match(m.subject)) continue;
        read.set(s.key, BigInt(m.seq) + 1n);
        const full = queue.add(toRaw(m));
        if (full) await full;
      }
    })()
      .catch((err: unknown) => {
        if (!r.stop) onError(`shard ${s.filter}: ${safeErrorText(err)}`);
      })
      // Gone without a stop (an error, a closed connection): the next tick starts it again from `read`.
      .finally(() => readers.get(s.key) === r && readers.delete(s.key));
  }

  async function takeOver(s: Shard) {
    taking.add(s.key);
    try {
      const next = await link.resume(s.key, startSeq);
      if (next !== null) read.set(s.key, BigInt(next));
    } catch (err) {
      onError(`cannot take over shard ${s.filter}: ${safeErrorText(err)}`);
      drop(s.key);
      await leases.release(s.key).catch(() => undefined);
    } finally {
      taking.delete(s.key);
    }
    if (held.has(s.key)) startReader(s);
  }

  async function tick() {
    for (const key of [...held]) if (!(await leases.renew(key))) drop(key);
    if (!conn || stopped) return;
    const fair = Math.ceil(shards.length / (link.liveInstances?.() ?? 1));
    if (held.size > fair) {
      // An instance joined: hand one shard back; its next holder waits for this one's last counts.
      const key = [...held].find((k) => !taking.has(k));
      if (key !== undefined) {
        drop(key);
        await leases.release(key);
      }
      return;
    }
    for (const s of shards) {
      if (held.has(s.key)) {
        startReader(s);
        continue;
      }
      if (held.size >= fair) continue;
      if (await leases.take(s.key)) {
        held.add(s.key);
        void takeOver(s);
      }
    }
  }

  const timer = setInterval(() => {
    if (ticking || stopped) return;
    ticking = true;
    tick()
      .catch((err: unknown) => onError(`shard leases: ${safeErrorText(err)}`))
      .finally(() => (ticking = false));
  }, leases.everyMs);

  return {
    channels: shards.map((s) => s.filter),

    /** Reads the held shards over this connection until it closes; the leases are kept meanwhile. */
    async run(c: NatsConnection): Promise<void> {
      conn = c;
      for (const s of shards) if (held.has(s.key)) startReader(s);
      await c.closed();
      conn = null;
      for (const key of [...readers.keys()]) stopReader(key);
    },

    /** Stops reading and releases every lease: the others take the shards once the last counts are published. */
    async close(): Promise<void> {
      stopped = true;
      clearInterval(timer);
      const keys = [...held];
      for (const key of keys) drop(key);
      await Promise.all(keys.map((k) => leases.release(k).catch(() => undefined)));
    },
  };
}
