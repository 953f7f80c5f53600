import type { ColumnShape } from '../contracts/table-schema';
import type { Row } from '../contracts/change-event';

/**
 * Column shapes from what an event carries: the Kafka Connect schema of its
 * envelope (the `after`/`before` struct's fields) or, without one, the JSON
 * types of a row's values.
 */

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The row struct's fields of a Debezium envelope's Connect schema; undefined when it has none. */
export function columnsFromConnectSchema(schema: unknown): ColumnShape[] | undefined {
  if (!isObject(schema) || !Array.isArray(schema.fields)) return undefined;
  const fields: unknown[] = schema.fields;
  const row = fields.find((f) => isObject(f) && (f.field === 'after' || f.field === 'before'));
  if (!isObject(row) || !Array.isArray(row.fields)) return undefined;
  const columns: ColumnShape[] = [];
  for (const f of row.fields) {
    if (!isObject(f) || typeof f.field !== 'string') continue;
    // A logical type (`io.debezium.time.Timestamp`, `org.apache.kafka.connect.data.Decimal`) says more than its carrier.
    const type = typeof f.name === 'string' ? f.name : typeof f.type === 'string' ? f.type : 'unknown';
    columns.push({ name: f.field, type, optional: f.optional === true });
  }
  return columns;
}

function jsonType(v: unknown): string | undefined {
  if (v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

/**
 * A row's columns with their JSON types. A null value gives no type: the
 * column's previous type is kept (`previous`), else `null` until one is seen.
 */
export function columnsFromRow(row: Row, previous?: ReadonlyMap<string, ColumnShape>): ColumnShape[] {
  const columns: ColumnShape[] = [];
  for (const name in row) {
    const type = jsonType(row[name]) ?? previous?.get(name)?.type ?? 'null';
    columns.push({ name, type });
  }
  return columns;
}

/**
 * Whether a row fits the current JSON shape as is (same columns, each value
 * null or of its column's type): the common case, checked without allocating,
 * so only rows that change something are turned into column lists.
 */
export function rowFitsShape(row: Row, current: ReadonlyMap<string, ColumnShape> | undefined): boolean {
  if (current === undefined) return false;
  let n = 0;
  for (const name in row) {
    n++;
    const shape = current.get(name);
    if (shape === undefined) return false;
    const type = jsonType(row[name]);
    if (type !== undefined && type !== shape.type) return false;
  }
  return n === current.size;
}
