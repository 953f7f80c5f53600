import type { Op } from './change-event';

/**
 * What the browser sees of one event in a list: already masked on the server,
 * payload previews capped, no raw bytes.
 */
export interface EventListItem {
  /** Stable id: `<sourceId>:<channel>:<position>`. */
  id: string;
  sourceId: string;
  channel: string;
  position: string;
  receivedAt: number;
  kind: 'change' | 'tombstone' | 'transaction' | 'heartbeat' | 'schema-change' | 'outbox' | 'undecodable';
  table?: string;
  /** Stats key `<serverName>.<table>` (see TableSummary.tableKey). */
  tableKey?: string;
  op?: Op;
  /** Short key rendering, e.g. `id=42`. */
  key?: string;
  /** Names of fields whose value differs between before and after (updates). */
  changedFields?: string[];
  /** Source log position: LSN or GTID (or binlog file:pos). */
  logPosition?: string;
  txId?: string;
  /** receivedAt − source.ts_ms. */
  lagMs?: number;
  sizeBytes: number;
  /** For undecodable records. */
  reason?: string;
  /** One-line description of non-row records, e.g. `END tx 571 (2 events)`, a DDL statement, a heartbeat. */
  summary?: string;
}
