import { z } from 'zod';
import type { SchemaLookup, SchemaLookupResult, WireSchema } from '../debezium/wire-schemas';
import { compileAvroSchema } from './avro-codec';
import type { Display } from './logical-types';
import type { AvroCodec } from './avro-codec';
import { errorMessage } from '../error-message';
import { setNewest, trimToSize } from '../bounded-map';

/**
 * The schemas of one Schema Registry, by id, as the decoder reads them
 * (`lookup`, synchronous) and the server's registry client fills them
 * (`claim` the ids it should fetch, then `resolve` or `fail` each). Pure: it
 * never fetches, and time is passed in.
 *
 * A registry client's loop, per batch of raw messages:
 *   const ids = cache.claim(raw.flatMap((m) => wireSchemaIds(m.key, m.value)), now);
 *   for (const id of ids) fetch(`${url}/schemas/ids/${id}`) → cache.resolve(id, json, now) | cache.fail(id, reason, now)
 * and decode the batch at once: a record whose schema is still pending comes
 * back undecodable with `needsSchema`, to be decoded again when it arrives
 * (or counted as undecodable: the stream never waits for the registry).
 */

/** `GET /schemas/ids/{id}` of Confluent's API (also served by Apicurio's ccompat API, Karapace and Redpanda). */
export const registrySchemaResponse = z
  .object({
    schema: z.string(),
    /** Absent means AVRO. */
    schemaType: z.string().optional(),
    references: z.array(z.unknown()).optional(),
  })
  .loose();

export interface SchemaCacheOptions {
  /**
   * Schemas kept. Default 1,000: a Debezium estate has a key and a value
   * schema per table and version, and each compiled schema is a few KB.
   * Past the limit the entry stored longest ago is dropped (an id seen again
   * is simply fetched again).
   */
  maxSchemas?: number;
  /** How semantic types are shown (logical-types.ts). Default `readable`. */
  display?: Display;
  /** How long a failed fetch is remembered before the id is asked for again. Default 30 s. */
  retryMs?: number;
}

export interface SchemaCache extends SchemaLookup {
  /** Of `ids`, those to fetch now (never asked for, or failed more than `retryMs` ago), marked pending. */
  claim(ids: Iterable<number>, now: number): number[];
  /** Stores the registry's answer for `id` (any JSON: validated here) and says what became of it. */
  resolve(id: number, response: unknown, now: number): SchemaLookupResult;
  /** Stores a failed fetch (registry down, HTTP 404/5xx): lookups report `reason` until it is retried. */
  fail(id: number, reason: string, now: number): void;
  /** The Avro codec of a ready schema, for re-encoding on replay. */
  avroCodec(id: number): AvroCodec | undefined;
  /** The registry's text of a ready Avro schema, for schema drift (lib/schema-drift/avro-columns.ts). */
  avroSchemaText(id: number): string | undefined;
  readonly size: number;
}

type Entry =
  /** `result` is built once: `lookup` runs for every message and must not allocate. */
  | { state: 'ready'; schema: WireSchema; codec?: AvroCodec; text?: string; result: SchemaLookupResult }
  | { state: 'pending' }
  /** `retryAt` undefined: never retried (a schema type or feature cdcscope does not support). */
  | { state: 'failed'; reason: string; retryAt?: number };

const MISSING: SchemaLookupResult = { state: 'missing' };
const PENDING: SchemaLookupResult = { state: 'pending' };
const utf8 = new TextDecoder();

const JSON_SCHEMA: WireSchema = {
  type: 'JSON',
  decode(body) {
    try {
      return { ok: true, value: JSON.parse(utf8.decode(body)) };
    } catch (err) {
      return { ok: false, error: `not JSON: ${errorMessage(err).slice(0, 160)}` };
    }
  },
};

function ready(schema: WireSchema, codec?: AvroCodec, text?: string): Entry {
  return { state: 'ready', schema, codec, text, result: { state: 'ready', schema } };
}

export function createSchemaCache(opts: SchemaCacheOptions = {}): SchemaCache {
  const maxSchemas = opts.maxSchemas ?? 1_000;
  const display = opts.display ?? 'readable';
  const retryMs = opts.retryMs ?? 30_000;
  const entries = new Map<number, Entry>();

  function store(id: number, entry: Entry): void {
    setNewest(entries, id, entry);
    trimToSize(entries, maxSchemas);
  }

  function toResult(entry: Entry): SchemaLookupResult {
    switch (entry.state) {
      case 'ready':
        return entry.result;
      case 'pending':
        return PENDING;
      case 'failed':
        return { state: 'failed', reason: entry.reason };
    }
  }

  function compile(id: number, response: unknown, now: number): Entry {
    const parsed = registrySchemaResponse.safeParse(response);
    if (!parsed.success)
      return {
        state: 'failed',
        reason: `schema id ${id}: the registry's answer is not a schema (${parsed.error.issues[0]?.message ?? 'invalid'})`,
        retryAt: now + retryMs,
      };
    const type = (parsed.data.schemaType ?? 'AVRO').toUpperCase();
    if (type === 'JSON') return ready(JSON_SCHEMA);
    if (type === 'PROTOBUF')
      return {
        state: 'failed',
        reason: `schema id ${id} is a Protobuf schema: Protobuf is not supported (Avro and JSON Schema are)`,
      };
    if (type !== 'AVRO')
      return {
        state: 'failed',
        reason: `schema id ${id} has schema type ${type.slice(0, 40)}: not supported (Avro and JSON Schema are)`,
      };
    if ((parsed.data.references?.length ?? 0) > 0)
      return {
        state: 'failed',
        reason: `schema id ${id} refers to other schemas: schema references are not supported`,
      };
    const compiled = compileAvroSchema(parsed.data.schema, display);
    if (!compiled.ok) return { state: 'failed', reason: `schema id ${id}: ${compiled.error}` };
    const codec = compiled.value;
    return ready({ type: 'AVRO', decode: (body) => codec.decode(body) }, codec, parsed.data.schema);
  }

  return {
    lookup(id) {
      const entry = entries.get(id);
      return entry === undefined ? MISSING : toResult(entry);
    },
    claim(ids, now) {
      const out: number[] = [];
      for (const id of ids) {
        const entry = entries.get(id);
        const due =
          entry === undefined || (entry.state === 'failed' && entry.retryAt !== undefined && now >= entry.retryAt);
        if (!due) continue;
        store(id, { state: 'pending' });
        out.push(id);
      }
      return out;
    },
    resolve(id, response, now) {
      const entry = compile(id, response, now);
      store(id, entry);
      return toResult(entry);
    },
    fail(id, reason, now) {
      store(id, { state: 'failed', reason: `schema id ${id}: ${reason}`, retryAt: now + retryMs });
    },
    avroCodec(id) {
      const entry = entries.get(id);
      return entry?.state === 'ready' ? entry.codec : undefined;
    },
    avroSchemaText(id) {
      const entry = entries.get(id);
      return entry?.state === 'ready' ? entry.text : undefined;
    },
    get size() {
      return entries.size;
    },
  };
}
