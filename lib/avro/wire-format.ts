/**
 * Confluent's Schema Registry wire format, shared by its Avro, Protobuf and
 * JSON Schema serializers (and by Apicurio's `ccompat` converters, Karapace
 * and Redpanda): byte 0 is the magic byte 0, bytes 1–4 the schema id as a
 * big-endian unsigned 32-bit integer, then the serialized body.
 *
 * A JSON text never starts with a 0 byte, so this header cannot be mistaken
 * for a JSON value. Pure and allocation-free: it runs on every message.
 */
export const WIRE_MAGIC_BYTE = 0;
export const WIRE_HEADER_BYTES = 5;

/** The schema id of a framed value, or undefined when the bytes are not in the wire format. */
export function wireSchemaId(bytes: Uint8Array | null | undefined): number | undefined {
  if (bytes === null || bytes === undefined || bytes.length < WIRE_HEADER_BYTES || bytes[0] !== WIRE_MAGIC_BYTE)
    return undefined;
  return (((bytes[1] ?? 0) << 24) | ((bytes[2] ?? 0) << 16) | ((bytes[3] ?? 0) << 8) | (bytes[4] ?? 0)) >>> 0;
}

/** The body after the 5-byte header (a view, not a copy). */
export function wireBody(bytes: Uint8Array): Uint8Array {
  return bytes.subarray(WIRE_HEADER_BYTES);
}

/** Frames a serialized body with a schema id, as the producer-side serializers do (replay re-encodes this way). */
export function frameWire(schemaId: number, body: Uint8Array): Uint8Array {
  if (!Number.isInteger(schemaId) || schemaId < 0 || schemaId > 0xffffffff)
    throw new RangeError(`schema id ${schemaId} is not an unsigned 32-bit integer`);
  const out = new Uint8Array(WIRE_HEADER_BYTES + body.length);
  out[0] = WIRE_MAGIC_BYTE;
  out[1] = (schemaId >>> 24) & 0xff;
  out[2] = (schemaId >>> 16) & 0xff;
  out[3] = (schemaId >>> 8) & 0xff;
  out[4] = schemaId & 0xff;
  out.set(body, WIRE_HEADER_BYTES);
  return out;
}

/** Schema ids a message's key and value need, for a registry client to fetch before (or while) decoding. */
export function wireSchemaIds(key: Uint8Array | null, value: Uint8Array | null): number[] {
  const k = wireSchemaId(key);
  const v = wireSchemaId(value);
  if (k === undefined) return v === undefined ? [] : [v];
  return v === undefined || v === k ? [k] : [k, v];
}
