import { z } from 'zod';

/**
 * A table's shape over time, as cdcscope sees it in the events (lib/schema-drift):
 * from Kafka Connect field types when the envelope carries its schema, else
 * from the JSON value types of the rows (column set and types, no optionality).
 */
export const columnShapeSchema = z.object({
  name: z.string(),
  /** Kafka Connect type (`int32`, `string`, `io.debezium.time.Timestamp`…) or JSON type (`number`, `string`…). */
  type: z.string(),
  /** Connect's `optional` (Avro: a union with null); absent when the basis is JSON values (a null says nothing). */
  optional: z.boolean().optional(),
});
export type ColumnShape = z.infer<typeof columnShapeSchema>;

export const schemaChangeKindSchema = z.enum(['added', 'removed', 'type-changed', 'optionality-changed']);

export const columnChangeSchema = z.object({
  kind: schemaChangeKindSchema,
  column: z.string(),
  from: z.string().optional(),
  to: z.string().optional(),
});
export type ColumnChange = z.infer<typeof columnChangeSchema>;

/**
 * Where a version's columns were read from: `connect` the envelope's Connect schema (schema-wrapped JSON),
 * `avro` its Avro schema from the Schema Registry (types named as Connect names them), `json` the row's values.
 */
export const schemaBasisSchema = z.enum(['connect', 'avro', 'json']);
export type SchemaBasis = z.infer<typeof schemaBasisSchema>;

export const schemaVersionSchema = z.object({
  /** When the first event of this shape was received, epoch ms. */
  since: z.number(),
  basis: schemaBasisSchema,
  columns: z.array(columnShapeSchema),
  /** Against the version before; empty for the first one seen. */
  changes: z.array(columnChangeSchema),
});
export type SchemaVersion = z.infer<typeof schemaVersionSchema>;

/** A statement from the connector's schema-change topic (MySQL/MariaDB `<prefix>`) that named the table. */
export const ddlEntrySchema = z.object({
  /** When cdcscope received it, epoch ms. */
  at: z.number(),
  /** When the connector processed it (`ts_ms`), epoch ms. */
  tsMs: z.number().optional(),
  /** `tableChanges[].type`: CREATE, ALTER, DROP. */
  type: z.string().optional(),
  /** The statement (Debezium's `ddl`), cut at 4,000 characters. */
  ddl: z.string(),
  truncated: z.boolean().optional(),
});
export type DdlEntry = z.infer<typeof ddlEntrySchema>;

/**
 * `GET /api/tables/:table/schema`: oldest version first; `drift` when the shape changed since cdcscope started
 * (a column added, removed, retyped or made optional in the events, or an ALTER/DROP on the schema-change topic).
 */
export const tableSchemaResponseSchema = z.object({
  table: z.string(),
  versions: z.array(schemaVersionSchema),
  /** Oldest first. */
  ddl: z.array(ddlEntrySchema),
  /** Older statements dropped past the per-table cap. */
  droppedDdl: z.number(),
  drift: z.boolean(),
  /** Older versions dropped past the per-table cap. */
  droppedVersions: z.number(),
});
export type TableSchemaResponse = z.infer<typeof tableSchemaResponseSchema>;

/** `GET /api/schema-drift`. */
export const schemaDriftResponseSchema = z.object({ tables: z.array(z.string()) });
