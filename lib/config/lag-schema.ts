import { z } from 'zod';

/**
 * `lag:` in the configuration file: heartbeat tables used as millisecond
 * clocks (lib/lag/heartbeat-clock.ts). Many teams run Debezium's heartbeat
 * action query writing `NOW(3)` or `clock_timestamp()` into a table; that
 * column is the database's own clock, carried through the same pipeline as
 * the data, so its events give capture and end-to-end lag to the
 * millisecond even where the binlog carries whole seconds.
 */

const nonEmpty = z.string().min(1);

/** A captured table (qualified as Debezium names it: `db.table` or `schema.table`) and its time column. */
export const clockTableSchema = z.object({ table: nonEmpty, column: nonEmpty }).strict();
export type ClockTableConfig = z.infer<typeof clockTableSchema>;

export const lagConfigSchema = z
  .object({
    /** Per connector (Debezium `topic.prefix`; `*` for every connector without an entry of its own). */
    connectors: z.record(nonEmpty, z.object({ clockTable: clockTableSchema }).strict()).default({}),
    /**
     * Without a configured clock table, take a captured table named `heartbeat`
     * (or `heartbeats`, `debezium_heartbeat`) whose row has a time column
     * (a timestamp string, or epoch ms/µs/ns) as the connector's clock.
     */
    detectClockTables: z.boolean().default(true),
  })
  .strict();
export type LagConfig = z.infer<typeof lagConfigSchema>;
