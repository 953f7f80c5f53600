import { z } from 'zod';

/**
 * How precise a source's commit clock is, as detected from its data
 * (lib/lag/clock-resolution.ts), beside every capture and end-to-end figure
 * computed from it. MariaDB's binlog carries whole seconds, so a figure from
 * its `source.ts_ms` is only good to ±1 s however many digits it prints.
 */
export const clockResolutionSchema = z.object({
  /**
   * Smallest step of the source's commit time, ms: 1000 (whole seconds), 1
   * (milliseconds) or 0.001 (microseconds); null while too few streamed changes
   * were seen to tell.
   */
  resolutionMs: z.number().nullable(),
  /** Set when the clock is coarser than a millisecond: the label shown beside each figure, e.g. "±1 s: MariaDB binlog time is whole seconds". */
  note: z.string().optional(),
});
export type ClockResolution = z.infer<typeof clockResolutionSchema>;

const spreadSchema = z.object({ p50: z.number(), p95: z.number(), max: z.number() });

/**
 * A connector's heartbeat clock (lib/lag/heartbeat-clock.ts): rows of a table
 * whose column the database writes with its own millisecond time (`NOW(3)`,
 * `clock_timestamp()`), over the last 5 minutes. All figures in ms.
 */
export const heartbeatClockSummarySchema = z.object({
  /** The clock table, as Debezium names it (`stack_meta.heartbeat`), and its time column. */
  table: z.string(),
  column: z.string(),
  /** From `lag.connectors` in the configuration; false when detected by its name. */
  configured: z.boolean(),
  /** Rows in the window. */
  samples: z.number(),
  /** When the newest row arrived. */
  lastAt: z.number(),
  last: z.object({ captureMs: z.number().nullable(), endToEndMs: z.number() }),
  /** Arrival in cdcscope − the database's time in the row. */
  endToEnd: spreadSchema,
  /** The connector's `ts_ms` − the database's time in the row; null when the envelope has no `ts_ms`. */
  capture: spreadSchema.nullable(),
  /**
   * Clock skew bounds: a row cannot arrive (or be processed) before it was
   * written, so the database's clock is at most `dbBehindAtMostMs` behind
   * cdcscope's (the smallest end-to-end lag; negative: at least that much
   * ahead), and at most `connectorBehindAtMostMs` behind the connector's.
   */
  skew: z.object({ dbBehindAtMostMs: z.number(), connectorBehindAtMostMs: z.number().nullable() }),
});
export type HeartbeatClockSummary = z.infer<typeof heartbeatClockSummarySchema>;

/** One connector's commit clock, for the Lag page's "Source clocks" panel and `/metrics`. */
export const sourceClockSchema = z.object({
  /** Debezium's logical server name (`topic.prefix`). */
  serverName: z.string(),
  /** `mariadb`, `mysql`, `postgresql`…, from the source block. */
  connector: z.string().optional(),
  clock: clockResolutionSchema,
  /**
   * Changes whose lag came out below zero: the commit clock ahead of the
   * connector's (capture) or of cdcscope's (end-to-end), i.e. clock skew.
   * Lag histograms record them as 0; they are counted here, never dropped
   * silently. `minMs` is the most negative value seen.
   */
  negative: z.object({
    capture: z.number(),
    endToEnd: z.number(),
    /** Changes with a commit time, the denominator. */
    samples: z.number(),
    minMs: z.number().nullable(),
    lastAt: z.number().nullable(),
  }),
  /** Set when the connector captures a clock table and a row of it arrived in the last 5 minutes. */
  heartbeat: heartbeatClockSummarySchema.optional(),
  /** The replica pair side this connector is, e.g. `inventory A` (from `replicas:` in the configuration). */
  replicaSide: z.string().optional(),
});
export type SourceClock = z.infer<typeof sourceClockSchema>;
