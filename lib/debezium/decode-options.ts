import type { SchemaLookup } from './wire-schemas';

/** Tuning and context for `decodeMessage`. Every field is optional. */
export interface DecodeOptions {
  /**
   * Values bigger than this are reported as undecodable without being parsed.
   * Default 8 MiB: Kafka's default max message size is 1 MB and JetStream's
   * 1 MB too, so anything bigger is misconfiguration or abuse, and parsing it
   * would stall the pipeline for everyone else.
   */
  maxValueBytes?: number;
  /** Bytes of an undecodable value kept as a text preview. Default 2048: enough to recognise a payload, small enough to push to browsers. */
  maxPreviewBytes?: number;
  /** Deepest object/array nesting accepted in a payload. Default 64: real rows are a few levels deep. */
  maxDepth?: number;
  /**
   * Primary-key columns per table, keyed by qualified table (`inventory.customers`)
   * or by stats key (`replica_a.inventory.customers`, checked first). Used to
   * derive a key when the message carries none (Debezium Server on JetStream).
   */
  primaryKeys?: Readonly<Record<string, readonly string[]>>;
  /** Topic prefix of heartbeat records (`topic.heartbeat.prefix`). Default `__debezium-heartbeat`. */
  heartbeatTopicPrefix?: string;
  /**
   * Schemas for values and keys in the Schema Registry wire format (Avro,
   * JSON Schema), looked up synchronously: see wire-schemas.ts. Without it a
   * wire-format message is undecodable ("no schema registry configured").
   */
  schemas?: SchemaLookup;
  /**
   * Topics of Debezium's outbox event router (`route.topic.replacement`):
   * `/regex/`, a name with `*` wildcards, or an exact name. What the wildcard
   * matched is the aggregate type. Default `outbox.event.*`. Keep the array
   * object stable: its compiled form is cached per array.
   */
  outboxTopics?: readonly string[];
  /** Prefix of the metadata fields `ExtractNewRecordState` adds (`add.fields.prefix`). Default `__`. */
  flattenedFieldPrefix?: string;
  /** Prefix of the metadata headers it adds (`add.headers.prefix`). Default `__`. */
  flattenedHeaderPrefix?: string;
}

export const DEFAULT_MAX_VALUE_BYTES = 8 * 1024 * 1024;
export const DEFAULT_MAX_PREVIEW_BYTES = 2048;
export const DEFAULT_MAX_DEPTH = 64;
export const DEFAULT_HEARTBEAT_TOPIC_PREFIX = '__debezium-heartbeat';
export const DEFAULT_OUTBOX_TOPICS: readonly string[] = ['outbox.event.*'];
export const DEFAULT_FLATTENED_PREFIX = '__';
