import type { RawMessage } from '../../lib/contracts/raw-message';
import type { SourceBacklog, SourceKind, SourceStatus } from '../../lib/contracts/source-status';
import type { ShardLeases } from '../cluster/shard-leases';

/**
 * One broker connection behind one interface, so the pipeline never knows
 * which client library is underneath (kafkajs can be swapped later).
 */
export interface Source {
  readonly id: string;
  readonly kind: SourceKind;
  /** Where it reads from, without credentials. */
  readonly target: string;
  readonly channels: string[];
  /**
   * Whether the source reads `channel` now, including what it found beyond its configured list (Kafka: a
   * connector's schema-change topic taken in by `schemaChangeTopics`). Absent: only the configured channels.
   */
  readsNow?(channel: string): boolean;
  /** Messages in arrival order, in batches; ends after `close()`. */
  batches(): AsyncIterable<RawMessage[]>;
  /** Current health; also observable through `onStatus`. */
  status(): SourceHealth;
  onStatus(listener: (health: SourceHealth) => void): () => void;
  /** How far this source's own reading is behind the broker's head, last measured; absent when the kind cannot tell. */
  backlog?(): SourceBacklog | undefined;
  close(): Promise<void>;
}

/**
 * A source's part in a cluster of instances (issue #14; server/cluster/):
 * which group to join, and where to start a partition the group hands it.
 * Absent in single-process mode.
 */
export interface ClusterLink {
  /** The consumer group all instances of the deployment join for this source. */
  groupId: string;
  /**
   * The offset to read a partition from (null: the start policy), once its
   * previous owner has published its last counts: resolves late on purpose
   * while that owner still holds it. `start`: where the start policy begins
   * when nobody has counted it; its answer is returned and claimed at once,
   * so even a shard that stays quiet hands over exactly.
   */
  resume(partitionKey: string, start?: () => Promise<string>): Promise<string | null>;
  /**
   * Called once by the source: what it is assigned now and how far it has
   * read each partition (the offset after the last message handed to the
   * pipeline), both by `partitionKey` (lib/contracts/cluster.ts). A partition
   * taken away is released once everything read from it was counted.
   */
  attach(view: {
    assigned(): readonly string[];
    read(partitionKey: string): string | undefined;
    /** Each topic's partition count as last measured (`topic` → count), for the co-partitioning check. */
    partitionCounts?(): Record<string, number>;
    /** The `partitionKey` a counted message of this source belongs to (JetStream: its shard's); Kafka's is its partition. */
    keyOf?(m: RawMessage): string | undefined;
  }): void;
  /** JetStream shards: one Redis lease each, renewed every `everyMs` (server/cluster/shard-leases.ts). */
  leases?: ShardLeases & { everyMs: number };
  /** Instances alive now, this one included: a fair share of shards is ⌈shards / live⌉. */
  liveInstances?(): number;
}

/** How often a source measures its own backlog: one cheap broker call (end offsets, consumer info). */
export const BACKLOG_POLL_MS = 2_000;

export interface SourceHealth {
  status: SourceStatus;
  /** Times the source went from live to not live and back. */
  reconnects: number;
}

/** Keeps a source's status and tells listeners when it changes. */
export function createHealthTracker(now: () => number = Date.now) {
  let health: SourceHealth = { status: { type: 'connecting', attempt: 1, since: now() }, reconnects: 0 };
  let wasLive = false;
  const listeners = new Set<(h: SourceHealth) => void>();
  const set = (status: SourceStatus) => {
    if (status.type === 'live' && wasLive && health.status.type !== 'live')
      health = { ...health, reconnects: health.reconnects + 1 };
    if (status.type === 'live') wasLive = true;
    health = { ...health, status };
    for (const l of listeners) l(health);
  };
  return {
    get: () => health,
    live() {
      if (health.status.type !== 'live') set({ type: 'live', since: now() });
    },
    connecting(attempt: number) {
      set({ type: 'connecting', attempt, since: now() });
    },
    error(message: string, attempt: number, nextRetryAt?: number) {
      const prev = health.status;
      const since = prev.type === 'error' ? prev.since : now();
      set({ type: 'error', message, attempt, since, ...(nextRetryAt ? { nextRetryAt } : {}) });
    },
    stopped() {
      set({ type: 'stopped', since: now() });
    },
    // A property, not a method: adapters hand it on detached (`onStatus: health.onChange`).
    onChange: (listener: (h: SourceHealth) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
