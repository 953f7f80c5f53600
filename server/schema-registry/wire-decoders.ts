import '../server-only';
import type { Config } from '../../lib/config/schema';
import type { DecodedRecord } from '../../lib/contracts/change-event';
import type { RawMessage } from '../../lib/contracts/raw-message';
import type { RegistryStatus } from '../../lib/contracts/source-status';
import type { SchemaCache } from '../../lib/avro/schema-cache';
import { wireSchemaId } from '../../lib/avro/wire-format';
import { decodeOptionsFor } from '../../lib/config/decode-options';
import { createDemoSchemaCache } from '../../lib/demo/demo-avro';
import { decodeMessage } from '../../lib/debezium/decode-message';
import type { DecodeOptions } from '../../lib/debezium/decode-options';
import { createRegistryClient, type RegistryClient, type RegistryClientOptions } from './registry-client';

/**
 * How every part of the server decodes a source's messages: the live
 * pipeline, a seek, an event read again from its broker, replay. One
 * registry client per source with a `registry`, shared by all of them, so a
 * schema is fetched once.
 */
export interface WireDecoders {
  /** The decode options of a source (its schema cache included). */
  options(sourceId: string): DecodeOptions | undefined;
  /** Decodes at once; a record whose schema is not cached comes back undecodable with `needsSchema`. */
  decode(raw: RawMessage): DecodedRecord;
  /**
   * Starts fetching the schemas a batch needs that are not cached (or failed
   * long enough ago to be asked for again). Undefined when the batch needs
   * none, else a promise that settles when those fetches have (never rejects).
   */
  prefetch(batch: readonly RawMessage[]): Promise<void> | undefined;
  /** Decodes, first waiting for the schemas the message needs (bounded by the registry's timeout): seek, event lookup. */
  decodeAwaiting(raw: RawMessage): Promise<DecodedRecord>;
  /** The schema cache of a source, for replay's re-encoding. */
  schemas(sourceId: string): SchemaCache | undefined;
  registryStatus(sourceId: string): RegistryStatus | undefined;
}

/** A record may name a value schema, then a key schema: two rounds, and one more for a schema dropped meanwhile. */
const MAX_ROUNDS = 3;

export function createWireDecoders(
  config: Pick<Config, 'sources' | 'limits'>,
  opts: RegistryClientOptions = {},
): WireDecoders {
  const clients = new Map<string, RegistryClient>();
  /** The demo's Avro table is decoded from schemas held in process: it has no registry to ask. */
  const demoSchemas = new Map<string, SchemaCache>();
  const options = new Map<string, DecodeOptions>();
  for (const source of config.sources) {
    const o = decodeOptionsFor(config.limits, source);
    if (source.kind === 'kafka' && source.registry !== undefined) {
      const client = createRegistryClient(source.registry, opts);
      clients.set(source.id, client);
      o.schemas = client.cache;
    } else if (source.kind === 'demo') {
      const cache = createDemoSchemaCache(Date.now());
      demoSchemas.set(source.id, cache);
      o.schemas = cache;
    }
    options.set(source.id, o);
  }

  function decode(raw: RawMessage): DecodedRecord {
    return decodeMessage(raw, options.get(raw.sourceId));
  }

  return {
    options: (id) => options.get(id),
    decode,
    prefetch(batch) {
      let ids: Set<number> | undefined;
      let client: RegistryClient | undefined;
      for (const raw of batch) {
        const c = clients.get(raw.sourceId);
        if (c === undefined) continue;
        const k = wireSchemaId(raw.key);
        const v = wireSchemaId(raw.value);
        if (k === undefined && v === undefined) continue;
        // A batch comes from one source; should it ever mix, the other sources' ids are fetched when they need them.
        client ??= c;
        if (c !== client) continue;
        ids ??= new Set();
        if (k !== undefined) ids.add(k);
        if (v !== undefined) ids.add(v);
      }
      return client && ids && client.fetch(ids);
    },
    async decodeAwaiting(raw) {
      let record = decode(raw);
      const client = clients.get(raw.sourceId);
      for (let round = 0; round < MAX_ROUNDS && client !== undefined; round++) {
        if (record.kind !== 'undecodable' || record.needsSchema === undefined) break;
        await client.fetch([record.needsSchema]);
        record = decode(raw);
      }
      return record;
    },
    schemas: (id) => clients.get(id)?.cache ?? demoSchemas.get(id),
    registryStatus: (id) => clients.get(id)?.status(),
  };
}
