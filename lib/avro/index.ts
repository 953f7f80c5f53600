/**
 * Schema Registry wire format and Avro, server-side: the browser never
 * imports this folder (it receives decoded records), so avsc stays out of the
 * client bundle. `wire-format.ts` alone has no dependency and may be used anywhere.
 */
export { wireSchemaId, wireSchemaIds, wireBody, frameWire, WIRE_HEADER_BYTES, WIRE_MAGIC_BYTE } from './wire-format';
export { compileAvroSchema, type AvroCodec, type CompileResult, type DecodeResult, type EncodeResult } from './avro-codec';
export { createSchemaCache, registrySchemaResponse, type SchemaCache, type SchemaCacheOptions } from './schema-cache';
export { encodeForReplay } from './replay-encode';
export type { Display } from './logical-types';
