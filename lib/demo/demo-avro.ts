import { compileAvroSchema, type AvroCodec } from '../avro/avro-codec';
import { createSchemaCache, type SchemaCache } from '../avro/schema-cache';
import { frameWire } from '../avro/wire-format';
import { optional as opt, postgresSourceSchema } from '../avro/debezium-schemas';

/**
 * The demo's Avro table: `demo_shop.shop.reviews`, written as Debezium's
 * AvroConverter writes to Kafka (Schema Registry wire format: magic byte,
 * schema id, Avro binary), its schemas named as Confluent's AvroData names
 * them. The demo has no registry: the server decodes it with an in-process
 * schema cache filled with these schemas (`createDemoSchemaCache`), the very
 * cache a registry client fills, so the same decoder, drift tracking and
 * replay re-encoding run as for a real registry.
 */
export const REVIEWS_TOPIC = 'demo_shop.shop.reviews';
export const REVIEWS_KEY_ID = 101;
export const REVIEWS_VALUE_ID = 102;

const ns = REVIEWS_TOPIC;

const valueRecord = {
  type: 'record',
  name: 'Value',
  namespace: ns,
  fields: [
    { name: 'id', type: 'int' },
    { name: 'product', type: 'string' },
    { name: 'rating', type: { type: 'int', 'connect.type': 'int16' } },
    { name: 'title', type: 'string' },
    { name: 'body', type: opt('string'), default: null },
    {
      name: 'price_paid',
      type: {
        type: 'bytes',
        scale: 2,
        precision: 10,
        'connect.version': 1,
        'connect.parameters': { scale: '2', 'connect.decimal.precision': '10' },
        'connect.name': 'org.apache.kafka.connect.data.Decimal',
        logicalType: 'decimal',
      },
    },
    {
      name: 'created_at',
      type: { type: 'long', 'connect.version': 1, 'connect.name': 'io.debezium.time.MicroTimestamp' },
    },
  ],
  'connect.name': `${ns}.Value`,
};

export const REVIEWS_KEY_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Key',
  namespace: ns,
  fields: [{ name: 'id', type: 'int' }],
  'connect.name': `${ns}.Key`,
});

export const REVIEWS_VALUE_SCHEMA = JSON.stringify({
  type: 'record',
  name: 'Envelope',
  namespace: ns,
  fields: [
    { name: 'before', type: opt(valueRecord), default: null },
    { name: 'after', type: opt('Value'), default: null },
    { name: 'source', type: postgresSourceSchema },
    { name: 'op', type: 'string' },
    { name: 'ts_ms', type: opt('long'), default: null },
  ],
  'connect.version': 2,
  'connect.name': `${ns}.Envelope`,
});

/** The demo's registry: its two schemas, by id, as a registry client would have cached them. */
export function createDemoSchemaCache(now: number): SchemaCache {
  const cache = createSchemaCache({ maxSchemas: 16 });
  cache.resolve(REVIEWS_KEY_ID, { schema: REVIEWS_KEY_SCHEMA }, now);
  cache.resolve(REVIEWS_VALUE_ID, { schema: REVIEWS_VALUE_SCHEMA }, now);
  return cache;
}

function codec(schema: string): AvroCodec {
  const compiled = compileAvroSchema(schema);
  if (!compiled.ok) throw new Error(`demo Avro schema: ${compiled.error}`);
  return compiled.value;
}

/** Writes reviews' keys and envelopes in the wire format (values in the JSON form the decoder gives back). */
export function createReviewsWriter() {
  const key = codec(REVIEWS_KEY_SCHEMA);
  const value = codec(REVIEWS_VALUE_SCHEMA);
  const frame = (c: AvroCodec, id: number, v: unknown): Uint8Array => {
    const body = c.encode(v);
    if (!body.ok) throw new Error(`demo Avro value: ${body.error}`);
    return frameWire(id, body.value);
  };
  return {
    key: (id: number) => frame(key, REVIEWS_KEY_ID, { id }),
    value: (envelope: Record<string, unknown>) => frame(value, REVIEWS_VALUE_ID, envelope),
  };
}
