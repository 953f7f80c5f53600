import { z } from 'zod';
import { opSchema } from './change-event';
import { clockResolutionSchema } from './source-clock';

/**
 * What the browser sees of one event in a list: already masked on the server,
 * payload previews capped, no raw bytes.
 */
export const eventListItemSchema = z.object({
  /** Stable id: `<sourceId>:<channel>:<position>`. */
  id: z.string(),
  sourceId: z.string(),
  channel: z.string(),
  position: z.string(),
  receivedAt: z.number(),
  kind: z.enum(['change', 'tombstone', 'transaction', 'heartbeat', 'schema-change', 'outbox', 'undecodable']),
  table: z.string().optional(),
  /** Stats key `<serverName>.<table>` (see TableSummary.tableKey). */
  tableKey: z.string().optional(),
  op: opSchema.optional(),
  /** Short key rendering, e.g. `id=42`. */
  key: z.string().optional(),
  /** Names of fields whose value differs between before and after (updates). */
  changedFields: z.array(z.string()).optional(),
  /** Source log position: LSN or GTID (or binlog file:pos). */
  logPosition: z.string().optional(),
  txId: z.string().optional(),
  /** Debezium's logical server name (`topic.prefix`) of a change: whose commit clock `lagMs` is read against. */
  serverName: z.string().optional(),
  /** receivedAt − the commit time (`source.ts_us` / 1000 where the envelope has it, else `source.ts_ms`). */
  lagMs: z.number().optional(),
  /** How precise that commit time is (set with `lagMs` once the connector's clock is known): a whole-second clock makes `lagMs` ±1 s. */
  lagClock: clockResolutionSchema.optional(),
  sizeBytes: z.number(),
  /** `sizeBytes` was rounded up (lib/store/masked-size.ts): masking touched the event, and its exact size would tell the masked values' lengths. */
  sizeRounded: z.boolean().optional(),
  /** For undecodable records. */
  reason: z.string().optional(),
  /** One-line description of non-row records, e.g. `END tx 571 (2 events)`, a DDL statement, a heartbeat. */
  summary: z.string().optional(),
  /** Outbox events: their aggregate and event type, for the list and its filters. */
  aggregateType: z.string().optional(),
  eventType: z.string().optional(),
  /** A flattened row (ExtractNewRecordState): one row image, no before image, no diff. */
  flattened: z.boolean().optional(),
  /**
   * A change whose row does not fit its table's current shape (schema drift: written before a column was
   * added, or by a connector still on the old schema); set by the server when the list is read.
   */
  offShape: z.boolean().optional(),
  /**
   * A copy cdcscope replayed (it carries the provenance headers): the
   * original's inspector id. Counted apart, never paired, never in its
   * table's change counts.
   */
  replayOf: z.string().optional(),
});
export type EventListItem = z.infer<typeof eventListItemSchema>;
