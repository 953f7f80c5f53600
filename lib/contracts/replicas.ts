import { z } from 'zod';
import { opSchema } from './change-event';
import { lagWindowsSchema } from './table-stats';

/**
 * Replica pairs: the same tables captured from two servers (two replicas of
 * one MariaDB primary, or two connectors on one PostgreSQL), compared event
 * by event to find loss, duplicates and divergence. The snapshot shapes the
 * API and UI render; the pair configuration is in lib/config/replicas-schema.ts.
 * See docs/replicas.md for what each number means.
 */

export const replicaSideSchema = z.enum(['a', 'b']);
export type ReplicaSide = z.infer<typeof replicaSideSchema>;

const nonEmpty = z.string().min(1);

/** Which records belong to one side: Debezium server name (`topic.prefix`) and/or source id. Configured, and shown with every pair. */
export const replicaSideSelectorSchema = z
  .object({ serverName: nonEmpty.optional(), sourceId: nonEmpty.optional(), label: nonEmpty.optional() })
  .strict()
  .refine((s) => s.serverName !== undefined || s.sourceId !== undefined, {
    error: 'a side needs serverName or sourceId',
  });
export type ReplicaSideSelector = z.infer<typeof replicaSideSelectorSchema>;

/** One entry of a field-level diff, flat so a UI can render it as rows. */
export const fieldDiffSchema = z.object({
  /** From the compared root, e.g. `['after', 'meta', 'shipped']`; array indexes as strings. */
  path: z.array(z.string()),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  /** A value was cut: strings to the limit plus `…`; objects/arrays too long became their cut JSON text. */
  truncated: z.boolean().optional(),
  /** The JSON type changed (number → string, object → null, …). */
  typeChanged: z.boolean().optional(),
  /** The path hit the depth limit: before/after are the whole sub-values at that depth. */
  depthCapped: z.boolean().optional(),
});
export type FieldDiff = z.infer<typeof fieldDiffSchema>;

/** Counters of one side of a pair (one table or the pair total). */
export const replicaSideCountsSchema = z.object({
  /** Distinct events first seen on this side (duplicates excluded). */
  unique: z.number(),
  /** The same event again on this side (connector restart with reset offsets, at-least-once redelivery). */
  duplicates: z.number(),
  /** Waiting for the other side's copy, younger than the grace period. */
  pending: z.number(),
  /** Waiting longer than the grace period: potential loss on the other side. Falls again on a late match. */
  onlyIn: z.number(),
  /** Waited longer than `maxPendingAgeMs` unmatched: given up (reversed if the copy still arrives while remembered). */
  lost: z.number(),
  /** Dropped unmatched because the pending window was full: fate unknown, not counted as loss. */
  evicted: z.number(),
});
export type ReplicaSideCounts = z.infer<typeof replicaSideCountsSchema>;

export const replicaCountsSchema = z.object({
  a: replicaSideCountsSchema,
  b: replicaSideCountsSchema,
  /** Events seen on both sides. */
  matched: z.number(),
  /** Matches whose first copy had already passed the grace period (also counted in `matched`). */
  lateMatches: z.number(),
  /** Matches whose copies differ in op, key, before or after. */
  divergent: z.number(),
  /** Records of this pair not compared (snapshot reads when ignored, tables not configured). */
  ignored: z.number(),
});
export type ReplicaCounts = z.infer<typeof replicaCountsSchema>;

export const replicaTableStatsSchema = replicaCountsSchema.extend({
  /** Table without the server prefix, e.g. `inventory.customers`. */
  table: z.string(),
  /** Bumped whenever a counter of this table changes. */
  version: z.number(),
  /** Mean delay between the two copies, ms; null before the first match. */
  delayMeanMs: z.number().nullable(),
});
export type ReplicaTableStats = z.infer<typeof replicaTableStatsSchema>;

/** A compact reference to one copy of an event. */
export const eventRefSchema = z.object({
  /** The pairing identity (see docs/replicas.md), e.g. `g|0-1-4711|inventory.orders|{"id":7}`. */
  id: z.string(),
  side: replicaSideSchema,
  table: z.string(),
  op: opSchema,
  /** Canonical JSON of the message key (sorted fields), capped. */
  key: z.string(),
  /** Broker position: `p<partition>@<offset>` (Kafka) or `#<seq>` (JetStream, demo). */
  position: z.string(),
  /** When the tracker saw it (its clock). */
  receivedAt: z.number(),
});
export type EventRef = z.infer<typeof eventRefSchema>;

export const unmatchedEventSchema = eventRefSchema.extend({
  /** `overdue`: past the grace period, may still match; `lost`: given up; `evicted`: dropped by the pending limit. */
  state: z.enum(['overdue', 'lost', 'evicted']),
  ageMs: z.number(),
});
export type UnmatchedEvent = z.infer<typeof unmatchedEventSchema>;

const copyRefSchema = eventRefSchema.pick({ op: true, position: true, receivedAt: true });

export const divergentPairSchema = z.object({
  id: z.string(),
  table: z.string(),
  key: z.string(),
  detectedAt: z.number(),
  a: copyRefSchema,
  b: copyRefSchema,
  /** A copy vs B copy; null when the first copy's content was no longer held (see `retainCopies`). */
  diff: z.array(fieldDiffSchema).nullable(),
  /** Diff entries left out over the cap. */
  diffOmitted: z.number(),
});
export type DivergentPair = z.infer<typeof divergentPairSchema>;

/** One second of the pair's chart series. */
export const replicaDelayPointSchema = z.object({
  /** Bucket start, epoch ms, a multiple of 1000. */
  t: z.number(),
  matched: z.number(),
  /** Mean / max delay between the copies matched in this second, ms. */
  delayMeanMs: z.number().nullable(),
  delayMaxMs: z.number().nullable(),
  duplicates: z.number(),
  divergent: z.number(),
  /** Gauges sampled at the last tick of this second; null when no tick happened in it. */
  onlyInA: z.number().nullable(),
  onlyInB: z.number().nullable(),
});
export type ReplicaDelayPoint = z.infer<typeof replicaDelayPointSchema>;

export const replicaSideInfoSchema = z.object({
  selector: replicaSideSelectorSchema,
  /** Records offered to this side (compared or not). */
  records: z.number(),
  lastSeenAt: z.number().nullable(),
});
export type ReplicaSideInfo = z.infer<typeof replicaSideInfoSchema>;

/** Ids built per basis: shows when an identity fell back to a content hash. */
export const identityBasisSchema = z.enum(['gtid', 'lsn', 'outbox', 'fields', 'header', 'content']);
export type IdentityBasis = z.infer<typeof identityBasisSchema>;

/**
 * Cluster mode (issue #14): a table of a pair whose two topics Kafka's range
 * assignor may hand to two instances (lib/cluster/co-partition.ts), or whose
 * two JetStream subjects fall in two shards (lib/cluster/shard-pairs.ts), so
 * each instance's pair sees one copy of its changes.
 */
export const coPartitionProblemSchema = z.object({
  /**
   * `partitions`: the two topics have different partition counts, so partition
   * p of one and of the other may go to two instances. `sources`: the sides
   * are read by two sources, two consumer groups whose assignments are
   * independent (`table` is `*` when the topics cannot be named). `shards`:
   * the two subjects (in `topicA`/`topicB`) are in two JetStream shards of one
   * source (`shardA`/`shardB`; null: in none, so read by no instance), whose
   * leases two instances may hold.
   */
  kind: z.enum(['partitions', 'sources', 'shards']),
  /** Without the server prefix, e.g. `inventory.orders`. */
  table: z.string(),
  topicA: z.string().nullable(),
  topicB: z.string().nullable(),
  partitionsA: z.number().nullable(),
  partitionsB: z.number().nullable(),
  sourceA: z.string().nullable(),
  sourceB: z.string().nullable(),
  shardA: z.string().nullable().optional(),
  shardB: z.string().nullable().optional(),
});
export type CoPartitionProblem = z.infer<typeof coPartitionProblemSchema>;

export const replicaPairSummarySchema = z.object({
  pairId: z.string(),
  /** Bumped on every change; pass it back as `sinceVersion` to get only changed tables. */
  version: z.number(),
  at: z.number(),
  /** Human-readable identity rule, e.g. `auto (GTID + table + key + occurrence; LSN; content hash)`. */
  identity: z.string(),
  sides: z.object({ a: replicaSideInfoSchema, b: replicaSideInfoSchema }),
  totals: replicaCountsSchema,
  /** Distinct events over both sides: a.unique + b.unique − matched. */
  unique: z.number(),
  /** Duplicates / all compared records, 0..1. */
  duplicateRate: z.number(),
  idBasis: z.record(identityBasisSchema, z.number()),
  /** Tables changed after `sinceVersion` (all when not given), by table name. */
  tables: z.array(replicaTableStatsSchema),
  /** False when `tables` is a delta. */
  tablesComplete: z.boolean(),
  /** Tables over `maxTables`, counted together under `*`. */
  tableOverflow: z.boolean(),
  /** Newest first, at most `listSize` each. */
  onlyInA: z.array(unmatchedEventSchema),
  onlyInB: z.array(unmatchedEventSchema),
  divergentPairs: z.array(divergentPairSchema),
  /** Delay between the two copies of matched events, ms. */
  delay: lagWindowsSchema,
  /** Per-second series, oldest first (empty unless asked for). */
  series: z.array(replicaDelayPointSchema),
  /**
   * Set on the `replica-pair` room's pushes: `series` holds only the newest
   * seconds, to be merged by `t` into the 15 minutes the client fetched or got
   * on join. Absent: the series is whole.
   */
  seriesPartial: z.boolean().optional(),
  limits: z.object({
    graceMs: z.number(),
    maxPending: z.number(),
    maxPendingAgeMs: z.number(),
    rememberIds: z.number(),
    rememberMs: z.number(),
  }),
  /** Entries in the pending window now (both sides). */
  pendingNow: z.number(),
  /**
   * Cluster mode only: the pair's tables that are not co-partitioned, so
   * their figures on any one instance are not the pair's (empty: all are).
   * Absent in single-process mode, where one process reads both sides.
   */
  coPartitionProblems: z.array(coPartitionProblemSchema).optional(),
});
export type ReplicaPairSummary = z.infer<typeof replicaPairSummarySchema>;

/** A pair the tables seen suggest: the same table under two server prefixes. */
export const suggestedReplicaPairSchema = z.object({
  serverA: z.string(),
  serverB: z.string(),
  /** Shared tables without prefix, sorted. */
  tables: z.array(z.string()),
});
export type SuggestedReplicaPair = z.infer<typeof suggestedReplicaPairSchema>;

/** `GET /api/replicas`. */
export const replicasResponseSchema = z.object({
  pairs: z.array(replicaPairSummarySchema),
  suggestions: z.array(suggestedReplicaPairSchema),
});
export type ReplicasResponse = z.infer<typeof replicasResponseSchema>;

/** `GET /api/replicas/:pair/:table`: one table of a pair with its own lists. */
export const replicaTableDetailSchema = z.object({
  pairId: z.string(),
  table: replicaTableStatsSchema,
  onlyInA: z.array(unmatchedEventSchema),
  onlyInB: z.array(unmatchedEventSchema),
  divergentPairs: z.array(divergentPairSchema),
});
export type ReplicaTableDetail = z.infer<typeof replicaTableDetailSchema>;
