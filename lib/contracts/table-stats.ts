import type { Op } from './change-event';

/** Count of events per op; `tombstone` counted apart since it carries no op. */
export type OpCounts = Record<Op, number>;

/** One 1-second bucket of a table's throughput series. */
export interface ThroughputPoint {
  /** Bucket start, epoch ms, a multiple of 1000. */
  t: number;
  c: number;
  u: number;
  d: number;
  r: number;
  /** Truncates, logical messages and tombstones together. */
  other: number;
  bytes: number;
}

export interface LagPercentiles {
  /** Number of samples in the window. */
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
}

/** Lag in ms over the last 1 and 5 minutes. */
export interface LagWindows {
  m1: LagPercentiles;
  m5: LagPercentiles;
}

/** One 1-second bucket of a table's lag series (ms). */
export interface LagPoint {
  t: number;
  /** Mean capture lag in this second (`ts_ms − source.ts_ms`), null if no sample. */
  capture: number | null;
  /** Mean end-to-end lag in this second (receive time − `source.ts_ms`). */
  endToEnd: number | null;
}

/** Small per-table summary pushed to the overview (no series). */
export interface TableSummary {
  /** Qualified table name, e.g. `inventory.customers`. */
  table: string;
  /**
   * Stats key `<serverName>.<table>`, e.g. `replica_a.inventory.customers`: the same
   * table captured from two servers is two rows. Always set by lib/analytics.
   */
  tableKey: string;
  /** Debezium logical server name (`topic.prefix`), when known. */
  serverName?: string;
  /** Bumped on every record of this table; lets a push layer send only what changed. */
  version?: number;
  /** Sources that delivered events of this table. */
  sourceIds: string[];
  /** Channels (topics/subjects) this table was seen on. */
  channels: string[];
  totals: OpCounts;
  tombstones: number;
  bytes: number;
  undecodable: number;
  snapshotEvents: number;
  streamingEvents: number;
  /** Events per second over the last 10 s. */
  rate: number;
  firstEventAt: number | null;
  lastEventAt: number | null;
  lag: { capture: LagWindows; endToEnd: LagWindows };
  /** Last 60 s of throughput (events/s), for a sparkline. */
  spark: number[];
}

/** Full per-table detail for the table page. */
export interface TableDetail extends TableSummary {
  /** Up to 15 minutes of 1-second throughput buckets, oldest first. */
  throughput: ThroughputPoint[];
  /** Up to 15 minutes of 1-second lag buckets, oldest first. */
  lagSeries: LagPoint[];
}
