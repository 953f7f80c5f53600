import { describe, expect, it } from 'vitest';
import { createSchemaCache, type SchemaCache } from '../avro/schema-cache';
import { frameWire } from '../avro/wire-format';
import type { DecodedRecord } from '../contracts/change-event';
import { decodeMessage } from './decode-message';
import { avroRaw, registryAnswer } from './fixtures/avro';
import { avroTables, envelopePair, rng, schemasOf } from './fixtures/avro-envelopes';

/**
 * Property: an envelope written by the AvroConverter decodes to the same
 * record as the same envelope written by the JsonConverter (bare or with
 * schemas), so stats, pairing, diffs, masking and the inspector see no
 * difference. With `json-converter` display the rows are identical too;
 * with `readable` only the semantic-type columns differ, as intended.
 */

const T0 = 1_700_000_000_000;
const ids = (t: number) => ({ key: 100 + 2 * t, value: 101 + 2 * t });

function cacheFor(display: 'readable' | 'json-converter'): SchemaCache {
  const cache = createSchemaCache({ display });
  avroTables.forEach((table, t) => {
    const schemas = schemasOf(table);
    cache.resolve(ids(t).key, registryAnswer(schemas.key), T0);
    cache.resolve(ids(t).value, registryAnswer(schemas.value), T0);
  });
  return cache;
}

/** A record without what legitimately differs between the two encodings: bytes on the wire, the wire ids, the Connect schema text. */
function comparable(r: DecodedRecord): Record<string, unknown> {
  const { sizeBytes: _size, wire: _wire, ...rest } = r;
  if ('connectSchema' in rest) delete rest.connectSchema;
  return rest;
}

describe('Avro in the Schema Registry wire format', () => {
  const exact = cacheFor('json-converter');
  const readable = cacheFor('readable');

  it('decodes 400 random envelopes to exactly what their JsonConverter twins decode to', () => {
    const rand = rng(7);
    for (let i = 0; i < 400; i++) {
      const t = i % avroTables.length;
      const table = avroTables[t];
      if (table === undefined) throw new Error('no table');
      const pair = envelopePair(table, rand, i, ids(t), i % 4 === 0);
      const fromJson = decodeMessage(pair.json);
      const fromAvro = decodeMessage(pair.avro, { schemas: exact });
      expect(fromJson.kind).toBe('change');
      expect(comparable(fromAvro)).toEqual(comparable(fromJson));
      expect(fromAvro.wire).toMatchObject({ format: 'avro', valueSchemaId: ids(t).value, keySchemaId: ids(t).key });
    }
  });

  it('shows semantic types readably and leaves everything else as the JSON twin has it', () => {
    const rand = rng(11);
    const table = avroTables[0];
    if (table === undefined) throw new Error('no table');
    for (let i = 0; i < 50; i++) {
      const pair = envelopePair(table, rand, i, ids(0), false);
      const fromJson = decodeMessage(pair.json);
      const fromAvro = decodeMessage(pair.avro, { schemas: readable });
      if (fromJson.kind !== 'change' || fromAvro.kind !== 'change') throw new Error('expected changes');
      expect({ ...comparable(fromAvro), before: null, after: null }).toEqual({
        ...comparable(fromJson),
        before: null,
        after: null,
      });
      const row = fromAvro.after ?? fromAvro.before;
      const twin = fromJson.after ?? fromJson.before;
      if (row === null || twin === null) throw new Error('no row');
      expect(row.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$/);
      expect(row.created_at).toBe(new Date(Number(twin.created_at)).toISOString().slice(0, -1));
      if (row.price !== null) expect(row.price).toMatch(/^-?\d+\.\d\d$/);
      if (row.ordered_on !== null) expect(row.ordered_on).toMatch(/^\d{4}-\d\d-\d\d$/);
      if (row.pickup !== null) expect(row.pickup).toMatch(/^\d\d:\d\d:\d\d\.\d{6}$/);
      if (row.attrs !== null) expect(row.attrs).toEqual(JSON.parse(String(twin.attrs)));
      expect(row.sku).toBe(twin.sku);
      expect(row.score).toBe(twin.score);
    }
  });

  it('asks for a schema it does not have, and decodes once it has it', () => {
    const cache = createSchemaCache();
    const table = avroTables[1];
    if (table === undefined) throw new Error('no table');
    const pair = envelopePair(table, rng(3), 0, ids(1), false);
    expect(decodeMessage(pair.avro, { schemas: cache })).toMatchObject({
      kind: 'undecodable',
      reason: 'key schema id 102 not fetched from the registry yet',
      needsSchema: 102,
      table: 'inventory.customers',
    });
    expect(cache.claim([102, 103], T0)).toEqual([102, 103]);
    cache.resolve(102, registryAnswer(schemasOf(table).key), T0);
    expect(decodeMessage(pair.avro, { schemas: cache })).toMatchObject({
      kind: 'undecodable',
      reason: 'value schema id 103 is being fetched from the registry',
      needsSchema: 103,
    });
    cache.resolve(103, registryAnswer(schemasOf(table).value), T0);
    expect(decodeMessage(pair.avro, { schemas: cache }).kind).toBe('change');
  });

  it('reports an unreachable registry, Protobuf and missing configuration as reasons, without needsSchema', () => {
    const cache = createSchemaCache();
    cache.claim([5], T0);
    cache.fail(5, 'registry unreachable: connect ECONNREFUSED 127.0.0.1:8081', T0);
    cache.resolve(6, { schema: 'syntax = "proto3"; message M {}', schemaType: 'PROTOBUF' }, T0);
    const value = (id: number) =>
      avroRaw({ topic: 'pg.inventory.customers', value: frameWire(id, new Uint8Array([2, 0])) });
    const down = decodeMessage(value(5), { schemas: cache });
    expect(down).toMatchObject({
      kind: 'undecodable',
      reason: 'schema id 5: registry unreachable: connect ECONNREFUSED 127.0.0.1:8081',
    });
    expect(down).not.toHaveProperty('needsSchema');
    expect(decodeMessage(value(6), { schemas: cache })).toMatchObject({
      kind: 'undecodable',
      reason: expect.stringMatching(/Protobuf is not supported/),
    });
    expect(decodeMessage(value(6))).toMatchObject({
      kind: 'undecodable',
      reason: 'binary data (Schema Registry wire format, schema id 6): no schema registry configured for this source',
    });
  });

  it('decodes JSON Schema framed values as JSON', () => {
    const cache = createSchemaCache();
    cache.resolve(9, { schema: '{"type":"object"}', schemaType: 'JSON' }, T0);
    const envelope = {
      before: null,
      after: { id: 1 },
      op: 'c',
      source: { connector: 'postgresql', name: 'pg', schema: 'inventory', table: 'customers' },
    };
    const r = decodeMessage(
      avroRaw({
        topic: 'pg.inventory.customers',
        value: frameWire(9, new TextEncoder().encode(JSON.stringify(envelope))),
      }),
      { schemas: cache },
    );
    expect(r).toMatchObject({
      kind: 'change',
      table: 'inventory.customers',
      after: { id: 1 },
      wire: { format: 'json-schema', valueSchemaId: 9 },
    });
  });

  it('keeps a wire-format tombstone a tombstone, with its Avro key', () => {
    const table = avroTables[1];
    if (table === undefined) throw new Error('no table');
    const pair = envelopePair(table, rng(5), 0, ids(1), false);
    const r = decodeMessage({ ...pair.avro, value: null }, { schemas: exact });
    expect(r).toMatchObject({ kind: 'tombstone', table: 'inventory.customers', key: { id: expect.any(Number) } });
  });
});
