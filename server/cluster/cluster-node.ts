import '../server-only';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ClusterConfig } from '../../lib/config/cluster-schema';
import { clusterGroupId } from '../../lib/config/cluster-schema';
import {
  partitionKey,
  type ClusterArchive,
  type InstanceSnapshot,
  type PartitionClaim,
} from '../../lib/contracts/cluster';
import type { RawMessage } from '../../lib/contracts/raw-message';
import type { TableSummary } from '../../lib/contracts/table-stats';
import type { PartialTableStats } from '../../lib/analytics/table-stats';
import { EMPTY_ARCHIVE } from '../../lib/cluster/archive';
import type { KafkaPartitionCounts } from '../../lib/cluster/co-partition';
import { resumePoint, splitByFreshness } from '../../lib/cluster/handover';
import { archivedAsPartial, mergeTables } from '../../lib/cluster/merge-tables';
import { packPartial } from '../../lib/cluster/partial-table';
import { createSeriesMerger } from '../../lib/cluster/series-merge';
import { interestOf, type Interest, type Watching } from '../../lib/cluster/room-interest';
import { errorMessage } from '../../lib/error-message';
import type { ClusterLink } from '../brokers/source';
import { createClusterStore } from './cluster-store';
import { createShardLeases } from './shard-leases';

type SourceView = Parameters<ClusterLink['attach']>[0];

/** One live instance, for the instance list. */
export interface ClusterMember {
  instanceId: string;
  incarnation: string;
  at: number;
  tables: number;
  partitions: number;
}

/**
 * This instance's place in a cluster (issue #14): every `publishMs` it
 * publishes its partial table statistics and its partition claims to Redis,
 * reads everybody's, folds the stale ones into the archive, and keeps the
 * merged view for the API and the pushes. Its Kafka sources start each
 * partition where the cluster says (`link(sourceId).resume`).
 */
export function createClusterNode({
  cluster,
  maxTables,
  redis,
  partials,
  watching = () => ({}),
  onFenced,
  onError = (m) => console.error(`cdcscope: cluster: ${m}`),
}: {
  cluster: ClusterConfig;
  maxTables: number;
  redis: Redis;
  /** This instance's own tables, as they are now. */
  partials: (now: number) => PartialTableStats[];
  /** The table rooms this instance's sockets are in (server/realtime/cluster-events.ts). */
  watching?: () => Watching;
  /** This incarnation was taken for dead and its counts folded: it must stop (and be started anew). */
  onFenced: () => void;
  onError?: (message: string) => void;
}) {
  const incarnation = `${cluster.instanceId}:${randomUUID().slice(0, 8)}`;
  const store = createClusterStore(redis, cluster.name);
  // Folding watches keys: on its own connection, so the publishes of this instance do not disturb it.
  const folding = redis.duplicate();
  const folder = createClusterStore(folding, cluster.name);
  /** Per partition, the offset after the last message the pipeline counted. */
  const counted = new Map<string, bigint>();
  const views: SourceView[] = [];
  /** Each Kafka source's view, by source id: its topics' partition counts for the co-partitioning check. */
  const viewsBySource = new Map<string, SourceView>();
  const series = createSeriesMerger({ maxTables, startedAt: Date.now() });
  let latest: { snapshots: InstanceSnapshot[]; archive: ClusterArchive } = { snapshots: [], archive: EMPTY_ARCHIVE };
  let first = true;
  let closed = false;
  let publishing = false;
  // JetStream shards' leases (issue #14): as long as `staleMs`, so a lease outlives a few missed renewals and
  // expires about when its holder's snapshot goes stale; a halted (killed) node's leases say nothing more.
  const held = createShardLeases(redis, cluster.name, incarnation, cluster.staleMs);
  const leases = {
    everyMs: cluster.publishMs,
    take: (key: string) => (closed ? Promise.resolve(false) : held.take(key)),
    renew: (key: string) => (closed ? Promise.resolve(false) : held.renew(key)),
    release: (key: string) => (halted ? Promise.resolve() : held.release(key)),
  };
  let halted = false;

  function readOf(key: string): bigint | undefined {
    for (const v of views) {
      const r = v.read(key);
      if (r !== undefined) return BigInt(r);
    }
    return undefined;
  }

  /**
   * A partition is claimed while it is assigned, and after it was taken away
   * until everything read from it has been counted: its next owner waits for
   * `owned: false`, which comes in the same snapshot as those counts.
   */
  function claims(): Record<string, PartitionClaim> {
    const out: Record<string, PartitionClaim> = {};
    const assigned = new Set(views.flatMap((v) => v.assigned()));
    for (const key of assigned) {
      const next = counted.get(key) ?? readOf(key);
      if (next !== undefined) out[key] = { next: next.toString(), owned: true };
    }
    for (const [key, next] of counted) {
      if (assigned.has(key)) continue;
      const read = readOf(key);
      out[key] = { next: next.toString(), owned: read !== undefined && read > next };
    }
    return out;
  }

  async function tick(): Promise<void> {
    const now = Date.now();
    const snapshot: InstanceSnapshot = {
      instanceId: cluster.instanceId,
      incarnation,
      at: now,
      tables: partials(now).map(packPartial),
      partitions: claims(),
    };
    const watched = watching();
    if (Object.keys(watched).length > 0) snapshot.watching = watched;
    if ((await store.publish(snapshot, first)) === 'fenced') {
      closed = true;
      onFenced();
      return;
    }
    first = false;
    latest = await store.read();
    series.update(latest.snapshots, Math.floor(Date.now() / 1000));
    const { stale } = splitByFreshness(latest.snapshots, Date.now(), cluster.staleMs);
    for (const s of stale) if (s.incarnation !== incarnation) await folder.fold(s.incarnation, maxTables);
  }

  const timer = setInterval(() => {
    if (closed || publishing) return;
    publishing = true;
    tick()
      .catch((err: unknown) => onError(`publish failed: ${errorMessage(err)}`))
      .finally(() => (publishing = false));
  }, cluster.publishMs);

  return {
    incarnation,

    /** The link a Kafka source of this instance uses to share its partitions. */
    link(sourceId: string): ClusterLink {
      return {
        groupId: clusterGroupId(cluster, sourceId),
        attach(view) {
          views.push(view);
          viewsBySource.set(sourceId, view);
        },
        leases,
        liveInstances: () => Math.max(1, splitByFreshness(latest.snapshots, Date.now(), cluster.staleMs).live.length),
        async resume(key, start) {
          while (!closed) {
            const { snapshots, archive } = await store.read();
            const r = resumePoint(key, incarnation, snapshots, archive, Date.now(), cluster.staleMs);
            if (r.kind === 'resume') {
              const next = r.next ?? (start ? await start() : null);
              if (next !== null) counted.set(key, BigInt(next));
              return next;
            }
            await new Promise((done) => setTimeout(done, Math.max(100, cluster.publishMs / 2)));
          }
          throw new Error('cluster node closed');
        },
      };
    },

    /** The pipeline counted this batch: its partitions' (and JetStream shards') positions move on. */
    counted(batch: readonly RawMessage[]): void {
      for (const m of batch) {
        let key: string | undefined;
        let next: bigint;
        if (m.origin.kind === 'kafka') {
          key = partitionKey(m.sourceId, m.origin.topic, m.origin.partition);
          next = BigInt(m.origin.offset) + 1n;
        } else if (m.origin.kind === 'jetstream') {
          key = viewsBySource.get(m.sourceId)?.keyOf?.(m);
          next = BigInt(m.origin.seq) + 1n;
        } else continue;
        if (key === undefined) continue;
        if (next > (counted.get(key) ?? -1n)) counted.set(key, next);
      }
    },

    /**
     * Every table as the whole cluster sees it: live instances whole, stale
     * and archived ones by their counts only.
     */
    tables(now: number): TableSummary[] {
      const { live, stale } = splitByFreshness(latest.snapshots, now, cluster.staleMs);
      const nowSec = Math.floor(now / 1000);
      const parts = live.flatMap((s) => s.tables);
      for (const s of stale) for (const t of s.tables) parts.push(archivedAsPartial(t, nowSec));
      for (const t of latest.archive.tables) parts.push(archivedAsPartial(t, nowSec));
      return mergeTables(parts, nowSec);
    },

    /** A table's per-second series as the whole cluster saw them (lib/cluster/series-merge.ts). */
    tableSeries: (tableKey: string, now: number, fromSec?: number) => series.table(tableKey, now, fromSec),

    /** All tables' throughput per second, the whole cluster's. */
    overallSeries: (now: number, fromSec?: number) => series.overall(now, fromSec),

    /** Per Kafka source, its topics' partition counts as last measured (lib/cluster/co-partition.ts). */
    kafkaPartitions(): KafkaPartitionCounts {
      const out: Record<string, Record<string, number>> = {};
      for (const [sourceId, view] of viewsBySource) {
        const counts = view.partitionCounts?.();
        if (counts) out[sourceId] = counts;
      }
      return out;
    },

    /** Which tables the other live instances' sockets watch, as of the last read. */
    interest(now: number): Interest {
      const { live } = splitByFreshness(latest.snapshots, now, cluster.staleMs);
      return interestOf(live.filter((s) => s.incarnation !== incarnation));
    },

    /** The instances alive now. */
    members(now: number): ClusterMember[] {
      return splitByFreshness(latest.snapshots, now, cluster.staleMs).live.map((s) => ({
        instanceId: s.instanceId,
        incarnation: s.incarnation,
        at: s.at,
        tables: s.tables.length,
        partitions: Object.values(s.partitions).filter((c) => c.owned).length,
      }));
    },

    /** Stops publishing at once, with nothing more said: what a killed process does (for tests of a death). */
    halt(): void {
      clearInterval(timer);
      closed = true;
      halted = true;
      folding.disconnect();
    },

    /** Publishes once more (the last counts and releases) and stops. */
    async close(): Promise<void> {
      clearInterval(timer);
      if (!closed) await tick().catch(() => undefined);
      closed = true;
      folding.disconnect();
    },
  };
}

export type ClusterNode = ReturnType<typeof createClusterNode>;
