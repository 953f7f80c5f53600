import { z } from 'zod';
import { opSchema } from './change-event';
import { clockResolutionSchema } from './source-clock';

/** Count of events per op; `tombstone` counted apart since it carries no op. */
export const opCountsSchema = z.record(opSchema, z.number());
export type OpCounts = z.infer<typeof opCountsSchema>;

/** One 1-second bucket of a table's throughput series. */
export const throughputPointSchema = z.object({
  /** Bucket start, epoch ms, a multiple of 1000. */
  t: z.number(),
  c: z.number(),
  u: z.number(),
  d: z.number(),
  r: z.number(),
  /** Truncates, logical messages and tombstones together. */
  other: z.number(),
  bytes: z.number(),
});
export type ThroughputPoint = z.infer<typeof throughputPointSchema>;

/** `GET /api/throughput`: all tables' throughput by op, complete seconds, up to 15 minutes, oldest first. */
export const overallThroughputSchema = z.object({ at: z.number(), points: z.array(throughputPointSchema) });
export type OverallThroughput = z.infer<typeof overallThroughputSchema>;

export const lagPercentilesSchema = z.object({
  /** Number of samples in the window. */
  count: z.number(),
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  max: z.number().nullable(),
});
export type LagPercentiles = z.infer<typeof lagPercentilesSchema>;

/** Lag in ms over the last 1 and 5 minutes. */
export const lagWindowsSchema = z.object({ m1: lagPercentilesSchema, m5: lagPercentilesSchema });
export type LagWindows = z.infer<typeof lagWindowsSchema>;

/** One 1-second bucket of a table's lag series (ms). */
export const lagPointSchema = z.object({
  t: z.number(),
  /** Mean capture lag in this second (`ts_ms − source.ts_ms`), null if no sample. */
  capture: z.number().nullable(),
  /** Mean end-to-end lag in this second (receive time − `source.ts_ms`). */
  endToEnd: z.number().nullable(),
});
export type LagPoint = z.infer<typeof lagPointSchema>;

/** Small per-table summary pushed to the overview (no series). */
export const tableSummarySchema = z.object({
  /** Qualified table name, e.g. `inventory.customers`. */
  table: z.string(),
  /**
   * Stats key `<serverName>.<table>`, e.g. `replica_a.inventory.customers`: the same
   * table captured from two servers is two rows. Always set by lib/analytics.
   */
  tableKey: z.string(),
  /** Debezium logical server name (`topic.prefix`), when known. */
  serverName: z.string().optional(),
  /** Bumped on every record of this table; lets a push layer send only what changed. */
  version: z.number().optional(),
  /** Sources that delivered events of this table. */
  sourceIds: z.array(z.string()),
  /** Channels (topics/subjects) this table was seen on. */
  channels: z.array(z.string()),
  totals: opCountsSchema,
  tombstones: z.number(),
  bytes: z.number(),
  undecodable: z.number(),
  /** Replayed copies of this table's events that came back on a watched topic or subject: counted here, not in totals. */
  replays: z.number().optional(),
  snapshotEvents: z.number(),
  streamingEvents: z.number(),
  /** Events per second over the last 10 s. */
  rate: z.number(),
  firstEventAt: z.number().nullable(),
  lastEventAt: z.number().nullable(),
  lag: z.object({ capture: lagWindowsSchema, endToEnd: lagWindowsSchema }),
  /** How precise the connector's commit clock is, which every capture and end-to-end figure here is computed from. */
  clock: clockResolutionSchema.optional(),
  /** Set on a connector's heartbeat clock table (Lag page "Source clocks"): its rows are clock ticks, not data. */
  clockTable: z.boolean().optional(),
  /** Last 60 s of throughput (events/s), for a sparkline. */
  spark: z.array(z.number()),
});
export type TableSummary = z.infer<typeof tableSummarySchema>;

/** Full per-table detail for the table page. */
export const tableDetailSchema = tableSummarySchema.extend({
  /** Up to 15 minutes of 1-second throughput buckets, oldest first. */
  throughput: z.array(throughputPointSchema),
  /** Up to 15 minutes of 1-second lag buckets, oldest first. */
  lagSeries: z.array(lagPointSchema),
  /**
   * Set on the table room's pushes after the first: the series hold only the
   * newest seconds (the current one still filling), to be merged by `t` into
   * the 15 minutes the client already has. Absent: the series are whole.
   */
  partial: z.boolean().optional(),
});
export type TableDetail = z.infer<typeof tableDetailSchema>;
