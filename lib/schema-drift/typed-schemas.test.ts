import { describe, expect, it } from 'vitest';
import { createSchemaCache } from '../avro/schema-cache';
import type { ChangeRecord } from '../contracts/change-event';
import { decodeMessage } from '../debezium/decode-message';
import {
  avroBytes,
  avroRaw,
  avscTypeOf,
  connectTypes,
  envelopeSchema,
  mysqlSourceSchema,
  registryAnswer,
  type AvroColumn,
} from '../debezium/fixtures/avro';
import { rawFrom } from '../debezium/fixtures/raw-from';
import { columnsFromAvroSchema } from './avro-columns';
import { createSchemaTracker } from './schema-tracker';

/**
 * Schema drift from the types a change carries: the Connect schema of
 * schema-wrapped JSON and the Avro schema of the Schema Registry, as Kafka
 * Connect's converters write them (MariaDB's `customers` table).
 */

const TOPIC = 'replica_a.inventory.customers';
const TABLE = 'replica_a.inventory.customers';
const source = {
  version: '3.1.0.Final',
  connector: 'mariadb',
  name: 'replica_a',
  ts_ms: 1,
  snapshot: 'false',
  db: 'inventory',
  table: 'customers',
  server_id: 1,
  file: 'bin.000001',
  pos: 4,
  row: 0,
};

type Field = { field: string; type: string; optional: boolean; name?: string; parameters?: Record<string, string> };
const id: Field = { field: 'id', type: 'int32', optional: false };
const email: Field = { field: 'email', type: 'string', optional: false };
const points: Field = { field: 'loyalty_points', type: 'int32', optional: true };
const created: Field = { field: 'created_at', type: 'string', optional: true, name: 'io.debezium.time.ZonedTimestamp' };
const price = (scale: string): Field => ({
  field: 'price',
  type: 'bytes',
  optional: false,
  name: 'org.apache.kafka.connect.data.Decimal',
  parameters: { scale, 'connect.decimal.precision': '10' },
});

/** What the JsonConverter writes with schemas.enable=true, compactly, schema first. */
function wrapped(fields: Field[], after: Record<string, unknown>): ChangeRecord {
  const row = { type: 'struct', fields, optional: true, name: `${TOPIC}.Value` };
  const schema = {
    type: 'struct',
    fields: [
      { ...row, field: 'before' },
      { ...row, field: 'after' },
      { type: 'struct', fields: [], optional: false, name: 'io.debezium.connector.mariadb.Source', field: 'source' },
      { type: 'string', optional: false, field: 'op' },
    ],
    optional: false,
    name: `${TOPIC}.Envelope`,
    version: 2,
  };
  const payload = { before: null, after, source, op: 'c', ts_ms: 2 };
  const rec = decodeMessage(rawFrom({ topic: TOPIC, valueBytes: JSON.stringify({ schema, payload }) }));
  if (rec.kind !== 'change') throw new Error(`expected a change, got ${rec.kind}`);
  return rec;
}

describe('schema drift from Connect schemas (schema-wrapped JSON)', () => {
  it('reads logical names, decimal precision and scale, and optionality; an unchanged schema changes nothing', () => {
    const t = createSchemaTracker();
    const first = wrapped([id, email, price('2')], { id: 1, email: 'a@x', price: 'AQ==' });
    expect(first.connectSchema).toBeDefined();
    expect(t.observeChange(TABLE, first, 1)).toEqual([]);
    expect(t.get(TABLE)?.versions[0]).toEqual({
      since: 1,
      basis: 'connect',
      columns: [
        { name: 'id', type: 'int32', optional: false },
        { name: 'email', type: 'string', optional: false },
        { name: 'price', type: 'org.apache.kafka.connect.data.Decimal(10,2)', optional: false },
      ],
      changes: [],
    });
    // Same schema: the typed shape holds even when a value's JSON type differs (it is never looked at).
    expect(
      t.observeChange(TABLE, wrapped([id, email, price('2')], { id: 'x', email: null, price: 'AQ==' }), 2),
    ).toEqual([]);
    expect(t.get(TABLE)?.versions).toHaveLength(1);
  });

  it('reports an added column, a type change, an optionality change and a scale change as one new version', () => {
    const t = createSchemaTracker();
    t.observeChange(TABLE, wrapped([id, email, price('2')], { id: 1, email: 'a@x', price: 'AQ==' }), 1);
    const changes = t.observeChange(
      TABLE,
      wrapped([{ ...id, type: 'int64' }, { ...email, optional: true }, price('3'), points, created], {
        id: 2,
        email: null,
        price: 'AQ==',
        loyalty_points: null,
        created_at: null,
      }),
      2,
    );
    expect(changes).toEqual([
      { kind: 'type-changed', column: 'id', from: 'int32', to: 'int64' },
      { kind: 'optionality-changed', column: 'email', from: 'required', to: 'optional' },
      {
        kind: 'type-changed',
        column: 'price',
        from: 'org.apache.kafka.connect.data.Decimal(10,2)',
        to: 'org.apache.kafka.connect.data.Decimal(10,3)',
      },
      { kind: 'added', column: 'loyalty_points', to: 'int32' },
      { kind: 'added', column: 'created_at', to: 'io.debezium.time.ZonedTimestamp' },
    ]);
    expect(t.drifted()).toEqual([TABLE]);
  });

  it('tells a change of an older schema from one of the current schema (fits)', () => {
    const t = createSchemaTracker();
    const old = wrapped([id, email], { id: 1, email: 'a@x' });
    t.observeChange(TABLE, old, 1);
    const now = wrapped([id, email, points], { id: 2, email: 'b@x', loyalty_points: 3 });
    t.observeChange(TABLE, now, 2);
    expect(t.fits(TABLE, now)).toBe(true);
    expect(t.fits(TABLE, wrapped([id, email, points], { id: 3, email: 'c@x', loyalty_points: null }))).toBe(true);
    expect(t.fits(TABLE, old)).toBe(false);
    expect(t.fits('other.table', old)).toBe(true);
  });

  it('falls back to the row when the wrapper carries no usable row struct', () => {
    const t = createSchemaTracker();
    const rec = wrapped([id], { id: 1 });
    rec.connectSchema = '{"type":"string"}';
    expect(t.observeChange(TABLE, rec, 1)).toEqual([]);
    expect(t.get(TABLE)?.versions[0]?.basis).toBe('json');
  });
});

const avroCols = (extra: AvroColumn[]): AvroColumn[] => [
  { name: 'id', type: 'int' },
  { name: 'points', type: connectTypes.int16() },
  { name: 'price', type: connectTypes.decimal(2, 10) },
  { name: 'note', type: ['null', 'string'], optional: true },
  { name: 'created_at', type: connectTypes.named('long', 'io.debezium.time.Timestamp') },
  ...extra,
];

describe('schema drift from Avro schemas (Schema Registry)', () => {
  it('names Avro columns in Connect terms, optional = a union with null', () => {
    expect(columnsFromAvroSchema(envelopeSchema(TOPIC, avroCols([]), mysqlSourceSchema('mariadb')))).toEqual([
      { name: 'id', type: 'int32', optional: false },
      { name: 'points', type: 'int16', optional: false },
      { name: 'price', type: 'org.apache.kafka.connect.data.Decimal(10,2)', optional: false },
      { name: 'note', type: 'string', optional: true },
      { name: 'created_at', type: 'io.debezium.time.Timestamp', optional: false },
    ]);
    expect(columnsFromAvroSchema({ type: 'record', fields: [{ name: 'op', type: 'string' }] })).toBeUndefined();
    expect(columnsFromAvroSchema('string')).toBeUndefined();
  });

  it('a new schema id with an added column is a new version; the same id is not even looked up', () => {
    const cache = createSchemaCache({ display: 'json-converter' });
    const v1 = envelopeSchema(TOPIC, avroCols([]), mysqlSourceSchema('mariadb'));
    const v2 = envelopeSchema(
      TOPIC,
      avroCols([{ name: 'tier', type: ['null', 'string'], optional: true }]),
      mysqlSourceSchema('mariadb'),
    );
    cache.resolve(11, registryAnswer(v1), 0);
    cache.resolve(12, registryAnswer(v2), 0);
    const row = { id: 1, points: 2, price: Buffer.from([1]), note: null, created_at: 5 };
    const avroSource = { ...source, sequence: null, ts_us: null, ts_ns: null, gtid: null, thread: null, query: null };
    const message = (schemaId: number, schema: typeof v1, after: Record<string, unknown>) => {
      const envelope = {
        before: null,
        after,
        source: avroSource,
        transaction: null,
        op: 'c',
        ts_ms: 2,
        ts_us: null,
        ts_ns: null,
      };
      const rec = decodeMessage(avroRaw({ topic: TOPIC, value: avroBytes(avscTypeOf(schema), schemaId, envelope) }), {
        schemas: cache,
      });
      if (rec.kind !== 'change')
        throw new Error(`expected a change, got ${rec.kind}: ${'reason' in rec ? rec.reason : ''}`);
      return rec;
    };
    const lookups: number[] = [];
    const avroText = (_sourceId: string, schemaId: number) => {
      lookups.push(schemaId);
      return cache.avroSchemaText(schemaId);
    };
    const t = createSchemaTracker();
    expect(t.observeChange(TABLE, message(11, v1, row), 1, avroText)).toEqual([]);
    expect(t.observeChange(TABLE, message(11, v1, row), 2, avroText)).toEqual([]);
    expect(t.observeChange(TABLE, message(12, v2, { ...row, tier: 'gold' }), 3, avroText)).toEqual([
      { kind: 'added', column: 'tier', to: 'string' },
    ]);
    expect(lookups).toEqual([11, 12]);
    expect(t.get(TABLE)?.versions.map((v) => v.basis)).toEqual(['avro', 'avro']);
  });
});
