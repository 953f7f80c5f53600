import { z } from 'zod';
import type { MessageOrigin } from './raw-message';

/**
 * Decoded records (lib/debezium's output) and the parts of them that reach
 * the browser inside an event detail: those parts are zod schemas, and their
 * types are inferred from them, so the server's shape and the browser's
 * check are one definition. The records themselves never leave the server.
 */

/** Debezium operation codes: create, update, delete, snapshot read, truncate, logical message. */
export const opSchema = z.enum(['c', 'u', 'd', 'r', 't', 'm']);
export type Op = z.infer<typeof opSchema>;
export const OPS: readonly Op[] = opSchema.options;

export const rowSchema = z.record(z.string(), z.unknown());
export type Row = z.infer<typeof rowSchema>;

/**
 * Where in the database's log a change was captured. Tagged by connector
 * family because the identifying fields differ (LSN vs GTID), and replica
 * pairing depends on knowing which ones are comparable across servers.
 */
export const sourcePositionSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('postgresql'),
    lsn: z.number().optional(),
    txId: z.number().optional(),
    xmin: z.number().optional(),
    /** Debezium's `sequence`: JSON array string `["lastCommittedLsn","currentLsn"]`. */
    sequence: z.string().optional(),
  }),
  z.object({
    kind: z.literal('mysql'),
    /** 'mysql' or 'mariadb'. */
    flavor: z.enum(['mysql', 'mariadb']),
    gtid: z.string().optional(),
    file: z.string().optional(),
    pos: z.number().optional(),
    row: z.number().optional(),
    serverId: z.number().optional(),
    thread: z.number().optional(),
    query: z.string().optional(),
  }),
  z.object({ kind: z.literal('other'), connector: z.string() }),
]);
export type SourcePosition = z.infer<typeof sourcePositionSchema>;

export const snapshotFlagSchema = z.enum([
  'false',
  'true',
  'first',
  'first_in_data_collection',
  'last_in_data_collection',
  'last',
  'incremental',
]);
export type SnapshotFlag = z.infer<typeof snapshotFlagSchema>;

export const sourceInfoSchema = z.object({
  connector: z.string(),
  /** Debezium's logical server name (`topic.prefix`). */
  name: z.string().optional(),
  version: z.string().optional(),
  /** Commit time in the database, epoch ms. */
  tsMs: z.number().optional(),
  /** The same in epoch µs, when the envelope has `ts_us` or `ts_ns` (Debezium ≥ 2.6): finer, where the database's clock is. */
  tsUs: z.number().optional(),
  db: z.string().optional(),
  schema: z.string().optional(),
  table: z.string().optional(),
  snapshot: snapshotFlagSchema,
  position: sourcePositionSchema,
});
export type SourceInfo = z.infer<typeof sourceInfoSchema>;

export const transactionRefSchema = z.object({
  id: z.string(),
  totalOrder: z.number().optional(),
  dataCollectionOrder: z.number().optional(),
});
export type TransactionRef = z.infer<typeof transactionRefSchema>;

/** Payload of a `pg_logical_emit_message` event (op `m`). */
export const logicalMessageSchema = z.object({ prefix: z.string(), content: z.string() });
export type LogicalMessage = z.infer<typeof logicalMessageSchema>;

/** Fields every decoded record carries, whatever its kind. */
export interface RecordBase {
  sourceId: string;
  origin: MessageOrigin;
  receivedAt: number;
  /** Key bytes + value bytes, for throughput accounting. */
  sizeBytes: number;
  headers: Record<string, string>;
  /** Set when the value came in the Schema Registry wire format (lib/avro): which schemas, so replay can re-encode. */
  wire?: WireInfo;
}

/** A value (and key) read in Confluent's wire format: magic byte, schema id, body. */
export interface WireInfo {
  format: 'avro' | 'json-schema';
  valueSchemaId: number;
  keySchemaId?: number;
  /**
   * The value (and key) as decoded, in the JsonConverter's JSON shape: the
   * inspector's raw view shows (and masks) this text instead of the binary,
   * and replay re-encodes it. Shares its rows with `before`/`after`.
   */
  decodedValue?: unknown;
  decodedKey?: unknown;
}

/**
 * A row from Debezium's `ExtractNewRecordState` transform: one row image and
 * whatever metadata it was told to add (`__op`, `__table`, `__source_ts_ms`,
 * `__deleted`…), so there is no before image and no diff to show.
 */
export interface FlattenedInfo {
  /** Where the op came from: an `__op` field or header, `__deleted`, or nowhere (then `op` is `u`, a guess). */
  opFrom: 'field' | 'header' | 'deleted' | 'none';
}

/** The CloudEvents envelope a change came in (Debezium's CloudEventsConverter), kept visible. */
export interface CloudEventInfo {
  id: string;
  type: string;
  source: string;
  time?: string;
  dataContentType?: string;
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
  /** The same in epoch µs, when the envelope has `ts_us` / `ts_ns`. */
  tsUs?: number;
  source: SourceInfo;
  transaction?: TransactionRef;
  /** Op `m` only: the PostgreSQL logical decoding message (`content` is base64 as the JSON converter writes bytes). */
  message?: LogicalMessage;
  /** Set on flattened rows (`ExtractNewRecordState`): `after` (or `before` for a delete) is the only row image. */
  flattened?: FlattenedInfo;
  /** Set when the change was unwrapped from a CloudEvent. */
  cloudEvent?: CloudEventInfo;
  /**
   * The value's Kafka Connect schema as JSON text, when the JsonConverter wrapped it
   * (`schemas.enable=true`): never parsed while decoding; schema drift compares it per table.
   */
  connectSchema?: string;
}

/**
 * An event from Debezium's outbox event router (`outbox.event.<aggregatetype>`
 * topics), or an outbox row of the same shape: a business event, not a row change.
 */
export interface OutboxRecord extends RecordBase {
  kind: 'outbox';
  /** From the `aggregatetype` field, else the topic (`outbox.event.<aggregatetype>`). */
  aggregateType: string;
  /** From the `aggregateid` field, else the message key (the router's default key). */
  aggregateId?: string;
  /** From the `type` field, else a `type` header (`table.fields.additional.placement=type:header:type`) or an envelope field. */
  eventType?: string;
  /** From the `id` field, else the `id` header the router always sets: the outbox row's id. */
  eventId?: string;
  /** The payload, parsed when it came as a JSON string (the router's default for a JSON/JSONB column). */
  payload: unknown;
  /** `router`: the router's output (value = payload); `row`: a value carrying the outbox columns. */
  shape: 'router' | 'row';
  /** Envelope fields the router added beside the payload (`…:envelope` placements), if any. */
  extra?: Record<string, unknown>;
  /** The event's time, epoch ms: a `timestamp` field, else the broker timestamp (the router sets it to the change's time). */
  tsMs?: number;
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
  /** `tableChanges[].type` per qualified table: `CREATE`, `ALTER`, `DROP`. */
  changeTypes?: Record<string, string>;
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
  /**
   * Schema id the registry must be asked for before this message can be
   * decoded (wire format, schema not cached yet). Decode the raw message
   * again once it is: the record is not lost, only early.
   */
  needsSchema?: number;
}

export type DecodedRecord =
  | ChangeRecord
  | TombstoneRecord
  | TransactionBoundaryRecord
  | HeartbeatRecord
  | SchemaChangeRecord
  | OutboxRecord
  | UndecodableRecord;
