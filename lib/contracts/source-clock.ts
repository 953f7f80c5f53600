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
});
export type SourceClock = z.infer<typeof sourceClockSchema>;
