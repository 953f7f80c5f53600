import type { EventIdentityConfig, ReplicaPairConfig } from '../config/replicas-schema';
import type { ReplicaSideSelector } from '../contracts/replicas';

/**
 * Tuning of a pair tracker. Every default says why; all are per pair, and
 * memory is bounded by maxPending × ~200 bytes + rememberIds × ~150 bytes +
 * retainCopies × the size of a record (see bench/replica-pairing.ts).
 */
export interface PairTrackerOptions {
  pairId: string;
  sideA: ReplicaSideSelector;
  sideB: ReplicaSideSelector;
  identity?: EventIdentityConfig;
  /** Tables (without server prefix) to compare; all when absent. */
  tables?: readonly string[];
  snapshots?: 'ignore' | 'pair';
  graceMs?: number;
  maxPending?: number;
  maxPendingAgeMs?: number;
  rememberIds?: number;
  rememberMs?: number;
  retainCopies?: number;
  listSize?: number;
  maxTables?: number;
}

/**
 * How long a copy may wait for its twin before it counts as only-in: replica
 * apply lag plus two connectors' batching and two brokers usually stay well
 * under a second; 10 s absorbs a GC pause or a broker hiccup without making
 * a real loss wait long to show.
 */
export const DEFAULT_GRACE_MS = 10_000;
/** Pending copies per pair: 10 s of grace at 10,000 events/s; ~20 MB when full. */
export const DEFAULT_MAX_PENDING = 100_000;
/**
 * After this an unmatched copy is given up as lost: a connector restart,
 * rebalance or snapshot of a big table takes minutes, not hours.
 */
export const DEFAULT_MAX_PENDING_AGE_MS = 600_000;
/** Matched/lost/evicted ids kept to recognise duplicates and late copies: one grace window at 10,000 events/s, ten times over. */
export const DEFAULT_REMEMBER_IDS = 100_000;
export const DEFAULT_REMEMBER_MS = 600_000;
/** First copies kept whole so a divergent pair can show its field diff; ~1 KB each. */
export const DEFAULT_RETAIN_COPIES = 1_000;
/** Entries per list (only-in-A, only-in-B, divergent): one screen. */
export const DEFAULT_LIST_SIZE = 50;
/** Distinct tables counted apart per pair; more are counted together under `*`. */
export const DEFAULT_MAX_TABLES = 1_000;
/** Occurrences of one (GTID, table, key) told apart; more are counted as duplicates. */
export const MAX_OCCURRENCES = 32;

export type ResolvedPairOptions = Required<Omit<PairTrackerOptions, 'tables' | 'identity'>> & {
  tables: ReadonlySet<string> | undefined;
  identity: EventIdentityConfig;
};

export function resolvePairOptions(o: PairTrackerOptions): ResolvedPairOptions {
  return {
    pairId: o.pairId,
    sideA: o.sideA,
    sideB: o.sideB,
    identity: o.identity ?? { kind: 'auto' },
    tables: o.tables === undefined ? undefined : new Set(o.tables),
    snapshots: o.snapshots ?? 'ignore',
    graceMs: o.graceMs ?? DEFAULT_GRACE_MS,
    maxPending: o.maxPending ?? DEFAULT_MAX_PENDING,
    maxPendingAgeMs: o.maxPendingAgeMs ?? DEFAULT_MAX_PENDING_AGE_MS,
    rememberIds: o.rememberIds ?? DEFAULT_REMEMBER_IDS,
    rememberMs: o.rememberMs ?? DEFAULT_REMEMBER_MS,
    retainCopies: o.retainCopies ?? DEFAULT_RETAIN_COPIES,
    listSize: o.listSize ?? DEFAULT_LIST_SIZE,
    maxTables: o.maxTables ?? DEFAULT_MAX_TABLES,
  };
}

/** The configuration file's shape (lib/contracts/replicas.ts) to tracker options. */
export function pairTrackerOptionsFromConfig(c: ReplicaPairConfig): PairTrackerOptions {
  const { id, a, b, ...rest } = c;
  return { ...rest, pairId: id, sideA: a, sideB: b };
}
