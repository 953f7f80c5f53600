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

/** Connect's decimal with its precision and scale: a changed scale is a type change too. */
function decimalType(name: string, precision: unknown, scale: unknown): string {
  const p = typeof precision === 'string' || typeof precision === 'number' ? String(precision) : undefined;
  const s = typeof scale === 'string' || typeof scale === 'number' ? String(scale) : undefined;
  if (s === undefined) return name;
  return p === undefined ? `${name}(scale ${s})` : `${name}(${p},${s})`;
}

/** A Connect field's type: its logical name (`io.debezium.time.Timestamp`) says more than its carrier (`int64`). */
function connectType(f: Record<string, unknown>): string {
  if (typeof f.name === 'string') {
    if (f.name === DECIMAL && isObject(f.parameters))
      return decimalType(f.name, f.parameters['connect.decimal.precision'], f.parameters.scale);
    return f.name;
  }
  return typeof f.type === 'string' ? f.type : 'unknown';
}
export const DECIMAL = 'org.apache.kafka.connect.data.Decimal';

/**
 * The row struct's fields of a Debezium envelope's Connect schema (`after`,
 * else `before`: the same `Value` struct); undefined when it has none.
 */
export function columnsFromConnectSchema(schema: unknown): ColumnShape[] | undefined {
  if (!isObject(schema) || !Array.isArray(schema.fields)) return undefined;
  const fields: unknown[] = schema.fields;
  const rowOf = (name: string) => fields.find((f) => isObject(f) && f.field === name && Array.isArray(f.fields));
  const row = rowOf('after') ?? rowOf('before');
  if (!isObject(row) || !Array.isArray(row.fields)) return undefined;
  const columns: ColumnShape[] = [];
  for (const f of row.fields) {
    if (!isObject(f) || typeof f.field !== 'string') continue;
    columns.push({ name: f.field, type: connectType(f), optional: f.optional === true });
  }
  return columns;
}

/** The same from the schema's JSON text (a change's `connectSchema`); undefined when it is not one. */
export function columnsFromConnectSchemaText(text: string): ColumnShape[] | undefined {
  try {
    return columnsFromConnectSchema(JSON.parse(text));
  } catch {
    return undefined;
  }
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
