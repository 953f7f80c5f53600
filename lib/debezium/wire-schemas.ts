/**
 * What the decoder needs to read values in the Schema Registry wire format
 * (lib/avro/wire-format.ts): a synchronous lookup of schema ids, so decoding
 * never waits on the network. The server's registry client keeps the
 * schemas (lib/avro/schema-cache.ts implements this interface); a record
 * whose schema is not there yet comes back undecodable with `needsSchema`,
 * and the caller fetches that id and decodes the raw message again.
 *
 * Supported: Avro, and JSON Schema (Confluent's JSON Schema serializer frames
 * plain JSON text, which decodes like any JSON value). Protobuf is detected
 * from the registry's `schemaType` and reported as not supported: decoding it
 * would need a .proto parser and the message-index path that follows the id.
 */
import type { Result } from '../result';

export interface WireSchema {
  /** AVRO: the body is Avro binary, decoded with `decode`; JSON: the body is JSON text. */
  type: 'AVRO' | 'JSON';
  /** Body (after the 5-byte header) → the JSON value the JsonConverter would have written. Never throws. */
  decode(body: Uint8Array): Result<unknown>;
}

export type SchemaLookupResult =
  | { state: 'ready'; schema: WireSchema }
  /** Never asked for: the caller should fetch it. */
  | { state: 'missing' }
  /** Being fetched: decode again when it arrives. */
  | { state: 'pending' }
  /** The registry said no, could not be reached, or sent a schema cdcscope cannot use (Protobuf). */
  | { state: 'failed'; reason: string };

export interface SchemaLookup {
  lookup(id: number): SchemaLookupResult;
}
