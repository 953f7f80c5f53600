import { z } from 'zod';
import type { Op } from './change-event';
import type { LagWindows } from './table-stats';

/**
 * Replica pairs: the same tables captured from two servers (two replicas of
 * one MariaDB primary, or two connectors on one PostgreSQL), compared event
 * by event to find loss, duplicates and divergence. Configuration (zod, for
 * the config loader) and the snapshot shapes the API and UI render.
 * See docs/replicas.md for what each number means.
 */

export type ReplicaSide = 'a' | 'b';

/** How MySQL/MariaDB events find their place inside a GTID (see lib/replicas/event-identity.ts). */
export const mysqlPlaceSchema = z.enum(['occurrence', 'row', 'transaction']);
export type MysqlPlace = z.infer<typeof mysqlPlaceSchema>;

const nonEmpty = z.string().min(1);

/** Which fields make two copies of a change "the same event". */
export const eventIdentitySchema = z.discriminatedUnion('kind', [
  /** GTID for MySQL/MariaDB, LSN for PostgreSQL, else a content hash: decided per record. */
  z.object({ kind: z.literal('auto'), place: mysqlPlaceSchema.optional() }).strict(),
  z.object({ kind: z.literal('gtid'), place: mysqlPlaceSchema.optional() }).strict(),
  z.object({ kind: z.literal('pg-lsn') }).strict(),
  /** Outbox tables: the event's own id column (default `id`). */
  z.object({ kind: z.literal('outbox'), column: nonEmpty.optional() }).strict(),
  z.object({ kind: z.literal('content-hash') }).strict(),
  /** Field paths such as `after.id`, `source.gtid`, `transaction.id`, `key.id`. */
  z.object({ kind: z.literal('fields'), paths: z.array(nonEmpty).min(1) }).strict(),
  z.object({ kind: z.literal('header'), name: nonEmpty }).strict(),
]);
export type EventIdentityConfig = z.infer<typeof eventIdentitySchema>;

/** Which records belong to one side: Debezium server name (`topic.prefix`) and/or source id. */
export const replicaSideSelectorSchema = z
  .object({ serverName: nonEmpty.optional(), sourceId: nonEmpty.optional(), label: nonEmpty.optional() })
  .strict()
  .refine((s) => s.serverName !== undefined || s.sourceId !== undefined, { message: 'a side needs serverName or sourceId' });
export type ReplicaSideSelector = z.infer<typeof replicaSideSelectorSchema>;

const positiveInt = z.number().int().positive();
const nonNegativeInt = z.number().int().nonnegative();

/** One replica pair in the configuration file. Defaults are in lib/replicas/pair-options.ts. */
export const replicaPairConfigSchema = z
  .object({
    id: nonEmpty,
    a: replicaSideSelectorSchema,
    b: replicaSideSelectorSchema,
    /** Tables (without server prefix, e.g. `inventory.customers`) to compare; all when absent. */
    tables: z.array(nonEmpty).optional(),
    identity: eventIdentitySchema.optional(),
    /** Snapshot reads (`op: r`) are not changes; compare them only on request. */
    snapshots: z.enum(['ignore', 'pair']).optional(),
    graceMs: positiveInt.optional(),
    maxPending: positiveInt.optional(),
    maxPendingAgeMs: positiveInt.optional(),
    rememberIds: nonNegativeInt.optional(),
    rememberMs: positiveInt.optional(),
    retainCopies: nonNegativeInt.optional(),
    listSize: positiveInt.optional(),
    maxTables: positiveInt.optional(),
  })
  .strict();
export type ReplicaPairConfig = z.infer<typeof replicaPairConfigSchema>;

/** One entry of a field-level diff, flat so a UI can render it as rows. */
export interface FieldDiff {
  /** From the compared root, e.g. `['after', 'meta', 'shipped']`; array indexes as strings. */
  path: string[];
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
  /** A value was cut: strings to the limit plus `…`; objects/arrays too long became their cut JSON text. */
  truncated?: boolean;
  /** The JSON type changed (number → string, object → null, …). */
  typeChanged?: boolean;
  /** The path hit the depth limit: before/after are the whole sub-values at that depth. */
  depthCapped?: boolean;
}

/** Counters of one side of a pair (one table or the pair total). */
export interface ReplicaSideCounts {
  /** Distinct events first seen on this side (duplicates excluded). */
  unique: number;
  /** The same event again on this side (connector restart with reset offsets, at-least-once redelivery). */
  duplicates: number;
  /** Waiting for the other side's copy, younger than the grace period. */
  pending: number;
  /** Waiting longer than the grace period: potential loss on the other side. Falls again on a late match. */
  onlyIn: number;
  /** Waited longer than `maxPendingAgeMs` unmatched: given up (reversed if the copy still arrives while remembered). */
  lost: number;
  /** Dropped unmatched because the pending window was full: fate unknown, not counted as loss. */
  evicted: number;
}

export interface ReplicaCounts {
  a: ReplicaSideCounts;
  b: ReplicaSideCounts;
  /** Events seen on both sides. */
  matched: number;
  /** Matches whose first copy had already passed the grace period (also counted in `matched`). */
  lateMatches: number;
  /** Matches whose copies differ in op, key, before or after. */
  divergent: number;
  /** Records of this pair not compared (snapshot reads when ignored, tables not configured). */
  ignored: number;
}

export interface ReplicaTableStats extends ReplicaCounts {
  /** Table without the server prefix, e.g. `inventory.customers`. */
  table: string;
  /** Bumped whenever a counter of this table changes. */
  version: number;
  /** Mean delay between the two copies, ms; null before the first match. */
  delayMeanMs: number | null;
}

/** A compact reference to one copy of an event. */
export interface EventRef {
  /** The pairing identity (see docs/replicas.md), e.g. `g|0-1-4711|inventory.orders|{"id":7}`. */
  id: string;
  side: ReplicaSide;
  table: string;
  op: Op;
  /** Canonical JSON of the message key (sorted fields), capped. */
  key: string;
  /** Broker position: `p<partition>@<offset>` (Kafka) or `#<seq>` (JetStream, demo). */
  position: string;
  /** When the tracker saw it (its clock). */
  receivedAt: number;
}

export interface UnmatchedEvent extends EventRef {
  /** `overdue`: past the grace period, may still match; `lost`: given up; `evicted`: dropped by the pending limit. */
  state: 'overdue' | 'lost' | 'evicted';
  ageMs: number;
}

export interface DivergentPair {
  id: string;
  table: string;
  key: string;
  detectedAt: number;
  a: Pick<EventRef, 'op' | 'position' | 'receivedAt'>;
  b: Pick<EventRef, 'op' | 'position' | 'receivedAt'>;
  /** A copy vs B copy; null when the first copy's content was no longer held (see `retainCopies`). */
  diff: FieldDiff[] | null;
  /** Diff entries left out over the cap. */
  diffOmitted: number;
}

/** One second of the pair's chart series. */
export interface ReplicaDelayPoint {
  /** Bucket start, epoch ms, a multiple of 1000. */
  t: number;
  matched: number;
  /** Mean / max delay between the copies matched in this second, ms. */
  delayMeanMs: number | null;
  delayMaxMs: number | null;
  duplicates: number;
  divergent: number;
  /** Gauges sampled at the last tick of this second; null when no tick happened in it. */
  onlyInA: number | null;
  onlyInB: number | null;
}

export interface ReplicaSideInfo {
  selector: ReplicaSideSelector;
  /** Records offered to this side (compared or not). */
  records: number;
  lastSeenAt: number | null;
}

/** Ids built per basis: shows when an identity fell back to a content hash. */
export type IdentityBasis = 'gtid' | 'lsn' | 'outbox' | 'fields' | 'header' | 'content';

export interface ReplicaPairSummary {
  pairId: string;
  /** Bumped on every change; pass it back as `sinceVersion` to get only changed tables. */
  version: number;
  at: number;
  /** Human-readable identity rule, e.g. `auto (GTID + table + key + occurrence; LSN; content hash)`. */
  identity: string;
  sides: { a: ReplicaSideInfo; b: ReplicaSideInfo };
  totals: ReplicaCounts;
  /** Distinct events over both sides: a.unique + b.unique − matched. */
  unique: number;
  /** Duplicates / all compared records, 0..1. */
  duplicateRate: number;
  idBasis: Record<IdentityBasis, number>;
  /** Tables changed after `sinceVersion` (all when not given), by table name. */
  tables: ReplicaTableStats[];
  /** False when `tables` is a delta. */
  tablesComplete: boolean;
  /** Tables over `maxTables`, counted together under `*`. */
  tableOverflow: boolean;
  /** Newest first, at most `listSize` each. */
  onlyInA: UnmatchedEvent[];
  onlyInB: UnmatchedEvent[];
  divergentPairs: DivergentPair[];
  /** Delay between the two copies of matched events, ms. */
  delay: LagWindows;
  /** Per-second series, oldest first (empty unless asked for). */
  series: ReplicaDelayPoint[];
  limits: { graceMs: number; maxPending: number; maxPendingAgeMs: number; rememberIds: number; rememberMs: number };
  /** Entries in the pending window now (both sides). */
  pendingNow: number;
}

/** A pair the tables seen suggest: the same table under two server prefixes. */
export interface SuggestedReplicaPair {
  serverA: string;
  serverB: string;
  /** Shared tables without prefix, sorted. */
  tables: string[];
}
