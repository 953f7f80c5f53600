import { describe, expect, it } from 'vitest';
import { avscTypeOf, connectTypes } from '../debezium/fixtures/avro';
import { compileAvroSchema, type AvroCodec } from './avro-codec';

const opt = (t: unknown) => ['null', t];

/** One column per semantic type Debezium writes, plus the Avro logical types. */
const row = {
  type: 'record',
  name: 'Value',
  namespace: 'pg.shop.things',
  fields: [
    { name: 'price', type: connectTypes.decimal(2, 10) },
    { name: 'negative', type: connectTypes.decimal(2, 10) },
    { name: 'whole', type: connectTypes.decimal(0, 20) },
    { name: 'balance', type: connectTypes.variableScaleDecimal() },
    { name: 'd', type: connectTypes.named('int', 'io.debezium.time.Date') },
    { name: 't', type: connectTypes.named('int', 'io.debezium.time.Time') },
    { name: 'tu', type: connectTypes.named('long', 'io.debezium.time.MicroTime') },
    { name: 'tn', type: connectTypes.named('long', 'io.debezium.time.NanoTime') },
    { name: 'ts', type: connectTypes.named('long', 'io.debezium.time.Timestamp') },
    { name: 'tsu', type: connectTypes.named('long', 'io.debezium.time.MicroTimestamp') },
    { name: 'tsn', type: connectTypes.named('long', 'io.debezium.time.NanoTimestamp') },
    { name: 'zoned', type: connectTypes.named('string', 'io.debezium.time.ZonedTimestamp') },
    { name: 'tsMillis', type: { type: 'long', logicalType: 'timestamp-millis' } },
    { name: 'tsMicros', type: { type: 'long', logicalType: 'timestamp-micros' } },
    { name: 'day', type: { type: 'int', logicalType: 'date' } },
    { name: 'doc', type: opt(connectTypes.named('string', 'io.debezium.data.Json')) },
    { name: 'scalarDoc', type: connectTypes.named('string', 'io.debezium.data.Json') },
    { name: 'uuid', type: connectTypes.named('string', 'io.debezium.data.Uuid') },
    { name: 'blob', type: opt('bytes') },
    { name: 'ratio', type: 'float' },
    { name: 'small', type: connectTypes.int16() },
    { name: 'status', type: connectTypes.enum('new,paid') },
    { name: 'tags', type: { type: 'array', items: 'string' } },
    { name: 'attrs', type: { type: 'map', values: 'long' } },
    { name: 'kind', type: { type: 'enum', name: 'Kind', symbols: ['A', 'B'] } },
    { name: 'hash', type: { type: 'fixed', name: 'Hash', size: 2 } },
  ],
};

// 2024-01-31T13:45:07.123456789Z
const MS = Date.UTC(2024, 0, 31, 13, 45, 7, 123);
const DAYS = Math.floor(MS / 86_400_000);
const TIME_MS = MS - DAYS * 86_400_000;

const avscValue = {
  price: Buffer.from([0x04, 0xd2]), // 1234
  negative: Buffer.from([0xfb]), // -5
  whole: Buffer.from([0x00, 0x80]), // 128
  balance: { scale: 3, value: Buffer.from([0x01, 0xe2, 0x40]) }, // 123456
  d: DAYS,
  t: TIME_MS,
  tu: TIME_MS * 1000 + 456,
  tn: BigInt(TIME_MS) * 1_000_000n + 456_789n,
  ts: MS,
  tsu: MS * 1000 + 456,
  tsn: BigInt(MS) * 1_000_000n + 456_789n,
  zoned: '2024-01-31T13:45:07.123456Z',
  tsMillis: MS,
  tsMicros: MS * 1000 + 456,
  day: DAYS,
  doc: '{"a":[1,2],"b":"x"}',
  scalarDoc: '"just text"',
  uuid: '0b1c6c9e-5b8e-4c38-9f2a-3c6f1c2d9e01',
  blob: Buffer.from([1, 2, 3, 250]),
  ratio: 3.14,
  small: -7,
  status: 'paid',
  tags: ['a', 'b'],
  attrs: { x: 1, y: 9_007_199_254_740_992 },
  kind: 'B',
  hash: Buffer.from([0xab, 0xcd]),
};

const body = new Uint8Array(avscTypeOf(row).toBuffer(avscValue));

function codec(display: 'readable' | 'json-converter'): AvroCodec {
  const compiled = compileAvroSchema(JSON.stringify(row), display);
  if (!compiled.ok) throw new Error(compiled.error);
  return compiled.value;
}

function decoded(display: 'readable' | 'json-converter'): Record<string, unknown> {
  const r = codec(display).decode(body);
  if (!r.ok) throw new Error(r.error);
  if (typeof r.value !== 'object' || r.value === null) throw new Error('not an object');
  return { ...r.value };
}

describe('compileAvroSchema: Debezium semantic types', () => {
  it('shows them as people read them (readable)', () => {
    expect(decoded('readable')).toEqual({
      price: '12.34',
      negative: '-0.05',
      whole: '128',
      balance: '123.456',
      d: '2024-01-31',
      t: '13:45:07.123',
      tu: '13:45:07.123456',
      tn: '13:45:07.123456789',
      ts: '2024-01-31T13:45:07.123',
      tsu: '2024-01-31T13:45:07.123456',
      tsn: '2024-01-31T13:45:07.123456789',
      zoned: '2024-01-31T13:45:07.123456Z',
      tsMillis: '2024-01-31T13:45:07.123Z',
      tsMicros: '2024-01-31T13:45:07.123456Z',
      day: '2024-01-31',
      doc: { a: [1, 2], b: 'x' },
      scalarDoc: '"just text"',
      uuid: '0b1c6c9e-5b8e-4c38-9f2a-3c6f1c2d9e01',
      blob: 'AQID+g==',
      ratio: 3.14,
      small: -7,
      status: 'paid',
      tags: ['a', 'b'],
      attrs: { x: 1, y: 9_007_199_254_740_992 },
      kind: 'B',
      hash: 'q80=',
    });
  });

  it('writes exactly what the JsonConverter writes (json-converter)', () => {
    expect(decoded('json-converter')).toEqual({
      price: 'BNI=',
      negative: '+w==',
      whole: 'AIA=',
      balance: { scale: 3, value: 'AeJA' },
      d: DAYS,
      t: TIME_MS,
      tu: TIME_MS * 1000 + 456,
      tn: Number(BigInt(TIME_MS) * 1_000_000n + 456_789n),
      ts: MS,
      tsu: MS * 1000 + 456,
      tsn: Number(BigInt(MS) * 1_000_000n + 456_789n),
      zoned: '2024-01-31T13:45:07.123456Z',
      tsMillis: MS,
      tsMicros: MS * 1000 + 456,
      day: DAYS,
      doc: '{"a":[1,2],"b":"x"}',
      scalarDoc: '"just text"',
      uuid: '0b1c6c9e-5b8e-4c38-9f2a-3c6f1c2d9e01',
      blob: 'AQID+g==',
      ratio: 3.14,
      small: -7,
      status: 'paid',
      tags: ['a', 'b'],
      attrs: { x: 1, y: 9_007_199_254_740_992 },
      kind: 'B',
      hash: 'q80=',
    });
  });

  it('builds plain objects (no avsc record classes leaking prototype members)', () => {
    const r = codec('readable').decode(body);
    expect(r.ok && Object.getPrototypeOf(r.value)).toBe(Object.prototype);
  });

  it('encodes its readable output back to the same bytes', () => {
    const c = codec('readable');
    const first = c.decode(body);
    if (!first.ok) throw new Error(first.error);
    const encoded = c.encode(first.value);
    if (!encoded.ok) throw new Error(encoded.error);
    expect(Array.from(encoded.value)).toEqual(Array.from(body));
  });

  it('encodes its json-converter output to bytes that decode the same (nanoseconds rounded, as in JSON)', () => {
    const c = codec('json-converter');
    const first = c.decode(body);
    if (!first.ok) throw new Error(first.error);
    const encoded = c.encode(first.value);
    if (!encoded.ok) throw new Error(encoded.error);
    expect(c.decode(encoded.value)).toEqual(first);
  });

  it('refuses values that no longer fit the schema, naming the field', () => {
    const c = codec('readable');
    const first = c.decode(body);
    if (!first.ok || typeof first.value !== 'object' || first.value === null) throw new Error('decode failed');
    expect(c.encode({ ...first.value, price: '12.345' })).toEqual({
      ok: false,
      error: expect.stringMatching(/price: "12.345" is not a decimal with at most 2 fraction digits/),
    });
    expect(c.encode({ ...first.value, d: 'soon' })).toEqual({
      ok: false,
      error: expect.stringMatching(/d: expected a date/),
    });
    expect(c.encode({ ...first.value, small: '****' })).toMatchObject({ ok: false });
  });
});

describe('compileAvroSchema: bad schemas and bad bytes', () => {
  it('reports a schema avsc refuses', () => {
    expect(compileAvroSchema('{"type":"record","name":"X","fields":[{"name":"a","type":"Nope"}]}')).toEqual({
      ok: false,
      error: expect.stringMatching(/^invalid Avro schema: undefined type name: Nope/),
    });
    expect(compileAvroSchema('42')).toMatchObject({ ok: false });
  });

  const list = compileAvroSchema({ type: 'array', items: 'int' });
  const nulls = compileAvroSchema({ type: 'map', values: 'null' });
  const str = compileAvroSchema('string');
  if (!list.ok || !nulls.ok || !str.ok) throw new Error('fixture schemas');

  it('refuses a block count larger than the bytes left, at once (avsc itself spends 23 s on it)', () => {
    // zig-zag 100,000,000 → 50,000,000 items, then one byte
    const hostile = new Uint8Array([0x80, 0xc2, 0xd7, 0x2f, 0x02]);
    const started = performance.now();
    expect(list.value.decode(hostile)).toEqual({
      ok: false,
      error: expect.stringMatching(/block of 50000000 items does not fit/),
    });
    expect(nulls.value.decode(hostile)).toEqual({ ok: false, error: expect.stringMatching(/does not fit/) });
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses lengths past the end, truncation, trailing bytes and over-long varints', () => {
    expect(str.value.decode(new Uint8Array([0xfe, 0xff, 0xff, 0xff, 0x0f, 0x41]))).toEqual({
      ok: false,
      error: expect.stringMatching(/length 2147483647 is past the end/),
    });
    expect(str.value.decode(new Uint8Array([0x03]))).toEqual({
      ok: false,
      error: expect.stringMatching(/negative Avro length -2/),
    });
    expect(str.value.decode(new Uint8Array([]))).toEqual({ ok: false, error: expect.stringMatching(/truncated/) });
    expect(str.value.decode(new Uint8Array([0x02, 0x41, 0x42]))).toEqual({
      ok: false,
      error: expect.stringMatching(/1 bytes left over/),
    });
    expect(list.value.decode(new Uint8Array(12).fill(0xff))).toEqual({
      ok: false,
      error: expect.stringMatching(/malformed Avro long|truncated/),
    });
  });
});
