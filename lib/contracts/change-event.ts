import type { MessageOrigin } from './raw-message';

/** Debezium operation codes: create, update, delete, snapshot read, truncate, logical message. */
export type Op = 'c' | 'u' | 'd' | 'r' | 't' | 'm';
export const OPS: readonly Op[] = ['c', 'u', 'd', 'r', 't', 'm'];

export type Row = Record<string, unknown>;

/**
 * Where in the database's log a change was captured. Tagged by connector
 * family because the identifying fields differ (LSN vs GTID), and replica
 * pairing depends on knowing which ones are comparable across servers.
 */
export type SourcePosition =
  | {
      kind: 'postgresql';
      lsn?: number;
      txId?: number;
      xmin?: number;
      /** Debezium's `sequence`: JSON array string `["lastCommittedLsn","currentLsn"]`. */
      sequence?: string;
    }
  | {
      kind: 'mysql';
      /** 'mysql' or 'mariadb'. */
      flavor: 'mysql' | 'mariadb';
      gtid?: string;
      file?: string;
      pos?: number;
      row?: number;
      serverId?: number;
      thread?: number;
      query?: string;
    }
  | { kind: 'other'; connector: string };

export type SnapshotFlag = 'false' | 'true' | 'first' | 'first_in_data_collection' | 'last_in_data_collection' | 'last' | 'incremental';

export interface SourceInfo {
  connector: string;
  /** Debezium's logical server name (`topic.prefix`). */
  name?: string;
  version?: string;
  /** Commit time in the database, epoch ms. */
  tsMs?: number;
  db?: string;
  schema?: string;
  table?: string;
  snapshot: SnapshotFlag;
  position: SourcePosition;
}

export interface TransactionRef {
  id: string;
  totalOrder?: number;
  dataCollectionOrder?: number;
}

/** Fields every decoded record carries, whatever its kind. */
export interface RecordBase {
  sourceId: string;
  origin: MessageOrigin;
  receivedAt: number;
  /** Key bytes + value bytes, for throughput accounting. */
  sizeBytes: number;
  headers: Record<string, string>;
}

/** A row change (c/u/d/r/t) or a logical message (m). */
export interface ChangeRecord extends RecordBase {
  kind: 'change';
  /** Qualified table name: `db.table` (MySQL/MariaDB) or `schema.table` (PostgreSQL). */
  table: string;
  op: Op;
  /** Decoded message key (schema wrapper removed), or derived from the row, or undefined. */
  key?: Row;
  keySource: 'message' | 'derived' | 'none';
  before: Row | null;
  after: Row | null;
  /** When Debezium processed the change, epoch ms. */
  tsMs?: number;
  source: SourceInfo;
  transaction?: TransactionRef;
  /** Op `m` only: the PostgreSQL logical decoding message (`content` is base64 as the JSON converter writes bytes). */
  message?: LogicalMessage;
}

/** Payload of a `pg_logical_emit_message` event (op `m`). */
export interface LogicalMessage {
  prefix: string;
  content: string;
}

/** The null-valued record Kafka Connect emits after a delete, for log compaction. */
export interface TombstoneRecord extends RecordBase {
  kind: 'tombstone';
  table: string;
  key?: Row;
}

export interface TransactionBoundaryRecord extends RecordBase {
  kind: 'transaction';
  status: 'BEGIN' | 'END';
  id: string;
  eventCount?: number;
  dataCollections?: { dataCollection: string; eventCount: number }[];
  tsMs?: number;
}

export interface HeartbeatRecord extends RecordBase {
  kind: 'heartbeat';
  /** Debezium's logical server name, from the topic `__debezium-heartbeat.<prefix>`. */
  serverName?: string;
  tsMs?: number;
}

export interface SchemaChangeRecord extends RecordBase {
  kind: 'schema-change';
  serverName?: string;
  databaseName?: string;
  ddl?: string;
  tables: string[];
  tsMs?: number;
  /**
   * Primary-key columns per qualified table, from `tableChanges[].table.primaryKeyColumnNames`.
   * Lets a keyless source (JetStream) learn keys it can derive from rows.
   */
  primaryKeys?: Record<string, string[]>;
}

/** Anything that is not a Debezium record we understand: kept, counted, shown. */
export interface UndecodableRecord extends RecordBase {
  kind: 'undecodable';
  /** Human-readable reason, e.g. "invalid JSON at position 12". */
  reason: string;
  /** Table guessed from the topic/subject, for per-table counting. */
  table?: string;
  /** First bytes of the value as text (lossy for binary), capped. */
  preview: string;
  truncated: boolean;
}

export type DecodedRecord =
  | ChangeRecord
  | TombstoneRecord
  | TransactionBoundaryRecord
  | HeartbeatRecord
  | SchemaChangeRecord
  | UndecodableRecord;
