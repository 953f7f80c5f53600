import '../server-only';
import type { WireInfo } from '../../lib/contracts/change-event';
import type { OutgoingMessage } from '../../lib/contracts/replay';
import type { SchemaCache } from '../../lib/avro/schema-cache';
import { encodeForReplay } from '../../lib/avro/replay-encode';
import type { Result } from '../../lib/result';

/**
 * The outgoing message re-encoded in the Schema Registry wire format with
 * the schema ids the event arrived with (`encoding: original`): the JSON
 * text that was shown (masked or edited) is encoded again, so a masked
 * `"••••••"` in a column the schema types as a number is refused with the
 * reason (send JSON, or the unmasked original, instead). The JSON text stays
 * in the message for the preview; `encoded` carries the bytes sent.
 */
export function reencode(
  message: OutgoingMessage,
  wire: WireInfo,
  cache: SchemaCache | undefined,
): Result<OutgoingMessage> {
  if (cache === undefined) return { ok: false, error: 'the source has no schema registry any more' };
  if (message.value === null) return { ok: false, error: 'a tombstone has no value to encode: send it as JSON' };
  const value = encodePart(cache, wire.valueSchemaId, message.value, 'value');
  if (!value.ok) return value;
  let key: string | null = null;
  if (message.key !== null && wire.keySchemaId !== undefined) {
    const k = encodePart(cache, wire.keySchemaId, message.key, 'key');
    if (!k.ok) return k;
    key = k.value;
  }
  const encoded: NonNullable<OutgoingMessage['encoded']> = {
    format: wire.format,
    valueSchemaId: wire.valueSchemaId,
    value: value.value,
    key,
  };
  if (wire.keySchemaId !== undefined && key !== null) encoded.keySchemaId = wire.keySchemaId;
  return { ok: true, value: { ...message, encoded } };
}

function encodePart(cache: SchemaCache, schemaId: number, text: string, part: string): Result<string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { ok: false, error: `the ${part} is not JSON, so it cannot be encoded with schema id ${schemaId}` };
  }
  const bytes = encodeForReplay(cache, schemaId, parsed);
  if (!bytes.ok)
    return {
      ok: false,
      error: `the ${part} does not fit schema id ${schemaId} (${bytes.error}); masked values rarely do: send it as JSON, or unmasked`,
    };
  return { ok: true, value: Buffer.from(bytes.value).toString('base64') };
}
