import type { EncodeResult } from './avro-codec';
import type { SchemaCache } from './schema-cache';
import { frameWire } from './wire-format';

/**
 * A decoded value (possibly masked or edited) back in the wire format with
 * the schema id it arrived with, for replay. Fails with a reason when the
 * schema is not cached (fetch it first) or the value no longer fits it — a
 * masked `"****"` in an int column, for instance: then replay can send JSON.
 */
export function encodeForReplay(cache: SchemaCache, schemaId: number, value: unknown): EncodeResult {
  const codec = cache.avroCodec(schemaId);
  if (codec === undefined) {
    const state = cache.lookup(schemaId);
    // JSON Schema: the body is the JSON text itself.
    if (state.state === 'ready' && state.schema.type === 'JSON')
      return { ok: true, value: frameWire(schemaId, new TextEncoder().encode(JSON.stringify(value))) };
    return {
      ok: false,
      error:
        state.state === 'failed'
          ? state.reason
          : `schema id ${schemaId} is not cached: fetch it from the registry first`,
    };
  }
  const encoded = codec.encode(value);
  return encoded.ok ? { ok: true, value: frameWire(schemaId, encoded.value) } : encoded;
}
