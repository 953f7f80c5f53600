import type { ColumnShape } from '../contracts/table-schema';
import { DECIMAL } from './column-shapes';

/**
 * Column shapes from a Debezium envelope's Avro schema (the AvroConverter's,
 * fetched from the Schema Registry), named in Kafka Connect's terms so a
 * table reads the same whichever converter its connector runs: the converter
 * writes Connect's logical name as `connect.name` and the narrower integer
 * types as `connect.type`; an optional column is a union with `null`.
 */

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Avro primitive → the Connect type the converter maps it from (AvroData's table). */
const CONNECT_OF_AVRO: Record<string, string> = {
  int: 'int32',
  long: 'int64',
  float: 'float32',
  double: 'float64',
  boolean: 'boolean',
  string: 'string',
  bytes: 'bytes',
  fixed: 'bytes',
  enum: 'string',
  record: 'struct',
  array: 'array',
  map: 'map',
};

/** A union's non-null branch and whether `null` was one of the branches. */
function unwrapOptional(type: unknown): { type: unknown; optional: boolean } {
  if (!Array.isArray(type)) return { type, optional: false };
  const rest: unknown[] = type.filter((t) => t !== 'null');
  return { type: rest.length === 1 ? rest[0] : rest, optional: rest.length < type.length };
}

function scalarOf(x: unknown): string | undefined {
  return typeof x === 'string' || typeof x === 'number' ? String(x) : undefined;
}

function avroColumnType(type: unknown): string {
  if (typeof type === 'string') return CONNECT_OF_AVRO[type] ?? type;
  if (Array.isArray(type)) return 'union';
  if (!isObject(type)) return 'unknown';
  const name = type['connect.name'];
  if (typeof name === 'string') {
    if (name !== DECIMAL) return name;
    const params = isObject(type['connect.parameters']) ? type['connect.parameters'] : {};
    const precision = scalarOf(type.precision) ?? scalarOf(params['connect.decimal.precision']);
    const scale = scalarOf(type.scale) ?? scalarOf(params.scale);
    if (scale === undefined) return name;
    return precision === undefined ? `${name}(scale ${scale})` : `${name}(${precision},${scale})`;
  }
  if (typeof type['connect.type'] === 'string') return type['connect.type'];
  return typeof type.type === 'string' ? (CONNECT_OF_AVRO[type.type] ?? type.type) : 'unknown';
}

/**
 * The row record of an envelope schema (`before`/`after`: one is defined
 * inline, the other may only name it); undefined when the schema is not a
 * Debezium envelope.
 */
export function columnsFromAvroSchema(schema: unknown): ColumnShape[] | undefined {
  if (!isObject(schema) || schema.type !== 'record' || !Array.isArray(schema.fields)) return undefined;
  let row: Record<string, unknown> | undefined;
  for (const f of schema.fields as unknown[]) {
    if (!isObject(f) || (f.name !== 'after' && f.name !== 'before')) continue;
    const t = unwrapOptional(f.type).type;
    if (isObject(t) && t.type === 'record' && Array.isArray(t.fields)) row = t;
    if (row !== undefined && f.name === 'after') break;
  }
  if (row === undefined) return undefined;
  const columns: ColumnShape[] = [];
  for (const f of row.fields as unknown[]) {
    if (!isObject(f) || typeof f.name !== 'string') continue;
    const { type, optional } = unwrapOptional(f.type);
    columns.push({ name: f.name, type: avroColumnType(type), optional });
  }
  return columns;
}
