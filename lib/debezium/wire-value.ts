import type { WireInfo } from '../contracts/change-event';
import * as wireFormat from '../avro/wire-format';
import { parsePayload } from './schema-wrapper';
import type { SchemaLookup } from './wire-schemas';

// Local copies: some loaders (tsx, which runs the server) turn imported bindings into getter calls, which show up in
// hot loops (see json-guards.ts).
const { wireBody, wireSchemaId } = wireFormat;

/**
 * A value (or key) in the Schema Registry wire format → the JSON value it
 * stands for, through the schema lookup. Never waits: a schema that is not
 * cached yet gives a reason and `needsSchema`, and the caller decodes the
 * raw message again once its registry client has fetched it.
 */
export type WireValue =
  | { ok: true; value: unknown; format: WireInfo['format']; schemaId: number }
  | { ok: false; reason: string; needsSchema?: number };

export function decodeWire(
  bytes: Uint8Array,
  schemas: SchemaLookup | undefined,
  part: 'value' | 'key',
): WireValue | undefined {
  const id = wireSchemaId(bytes);
  if (id === undefined) return undefined;
  const what = part === 'key' ? 'key' : 'value';
  if (schemas === undefined) {
    return {
      ok: false,
      reason: `binary data (Schema Registry wire format, schema id ${id}): no schema registry configured for this source`,
    };
  }
  const found = schemas.lookup(id);
  switch (found.state) {
    case 'missing':
      return { ok: false, reason: `${what} schema id ${id} not fetched from the registry yet`, needsSchema: id };
    case 'pending':
      return { ok: false, reason: `${what} schema id ${id} is being fetched from the registry`, needsSchema: id };
    case 'failed':
      return { ok: false, reason: found.reason };
    case 'ready':
      break;
  }
  const body = wireBody(bytes);
  if (found.schema.type === 'JSON') {
    const parsed = parsePayload(body);
    return parsed.ok
      ? { ok: true, value: parsed.value, format: 'json-schema', schemaId: id }
      : { ok: false, reason: `${what} (JSON Schema, id ${id}): ${parsed.error}` };
  }
  const decoded = found.schema.decode(body);
  return decoded.ok
    ? { ok: true, value: decoded.value, format: 'avro', schemaId: id }
    : { ok: false, reason: `${what} (Avro, schema id ${id}): ${decoded.error}` };
}
