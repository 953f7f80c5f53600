import type { Row } from '../contracts/change-event';
import * as flatKey from './flat-key';
import * as guards from './json-guards';
import * as wrapper from './schema-wrapper';
import * as wire from './wire-value';
import type { SchemaLookup } from './wire-schemas';

// Local copies: some loaders (tsx, which runs the server) turn imported bindings into getter calls, which show up in
// hot loops (see json-guards.ts).
const { readFlatKey } = flatKey;
const { deeperThan, isObject } = guards;
const { parsePayload } = wrapper;
const { decodeWire } = wire;

/**
 * Decodes Kafka key bytes into a Row. A key that is not valid JSON, or is too
 * deep, is dropped rather than failing the whole record: the value is what
 * the dashboard is about. A primitive key (non-Debezium producers) becomes
 * `{ key: value }`.
 */
export function decodeKey(
  bytes: Uint8Array | null,
  maxDepth: number,
  maxBytes = Number.POSITIVE_INFINITY,
  schemas?: SchemaLookup,
): Row | undefined {
  // An oversized key is ignored like a malformed one: parsing it would stall the pipeline.
  if (bytes === null || bytes.length === 0 || bytes.length > maxBytes) return undefined;
  // The usual compact `{"id":42}` is read from its bytes (a wire-format key starts with 0x00, never `{`).
  const flat = readFlatKey(bytes);
  if (flat !== undefined) return keyFromValue(flat, maxDepth);
  // Wire-format keys (Avro converter): a key whose schema is not cached is caught before this, in decodeMessage.
  const parsed = decodeWire(bytes, schemas, 'key') ?? parsePayload(bytes);
  return parsed.ok ? keyFromValue(parsed.value, maxDepth) : undefined;
}

/** A parsed key value as a Row: objects as they are, anything else as `{ key }`. */
export function keyFromValue(key: unknown, maxDepth: number): Row | undefined {
  if (key === null || key === undefined) return undefined;
  if (isObject(key)) return deeperThan(key, maxDepth) ? undefined : key;
  if (Array.isArray(key)) return deeperThan(key, maxDepth - 1) ? undefined : { key };
  return { key };
}

/**
 * Builds a key from a row's primary-key columns, for messages without a key
 * (Debezium Server's JetStream sink publishes values only). All columns must
 * be present: a partial key would silently merge distinct rows.
 */
export function deriveKey(row: Row | null, columns: readonly string[] | undefined): Row | undefined {
  if (row === null || columns === undefined || columns.length === 0) return undefined;
  const key: Row = {};
  for (const column of columns) {
    if (!(column in row)) return undefined;
    key[column] = row[column];
  }
  return key;
}
