import { describe, expect, it } from 'vitest';
import type { DecodedRecord, UndecodableRecord } from '../contracts/change-event';
import { decodeMessage } from './decode-message';
import { tableKeyOf } from './table-identity';
import {
  controlFixtures,
  deeplyNested,
  garbageFixtures,
  hugeValue,
  mariadbFixtures,
  pgFixtures,
  rawFrom,
} from './fixtures';
import { createSchemaCache } from '../avro/schema-cache';
import { frameWire } from '../avro/wire-format';
import { registryAnswer } from './fixtures/avro';
import { avroTables, envelopePair, rng, schemasOf } from './fixtures/avro-envelopes';
import { cloudEventValue, outboxFixtures } from './fixtures/shapes';

/** What the decoder must survive: every input gives a record, bad ones an UndecodableRecord with a reason. */

function undecodable(r: DecodedRecord): UndecodableRecord {
  if (r.kind !== 'undecodable') throw new Error(`expected undecodable, got ${r.kind}`);
  return r;
}
function change(r: DecodedRecord) {
  if (r.kind !== 'change') throw new Error(`expected a change, got ${r.kind}`);
  return r;
}

describe('decodeMessage: garbage', () => {
  const cases: [keyof typeof garbageFixtures, RegExp][] = [
    ['notJson', /^not JSON: Unexpected token/],
    ['truncatedJson', /^not JSON: .*(Unterminated|end of JSON)/],
    ['empty', /^empty value$/],
    ['binary', /^binary data$/],
    [
      'avroWire',
      /^binary data \(Schema Registry wire format, schema id 42\): no schema registry configured for this source$/,
    ],
    ['invalidUtf8', /^binary data \(not valid UTF-8\)$/],
    ['jsonArray', /^JSON but not a Debezium envelope: expected an object, got an array$/],
    ['jsonString', /got a string$/],
    ['missingOp', /^JSON but not a Debezium envelope: missing op$/],
    ['unknownOp', /unknown op "x"/],
    ['afterNotObject', /after is not an object/],
  ];
  it.each(cases)('%s → undecodable with a clear reason', (name, reason) => {
    const r = undecodable(decodeMessage(garbageFixtures[name]));
    expect(r.reason).toMatch(reason);
    expect(r.table).toBe('inventory.customers');
    expect(tableKeyOf(r)).toBe('pg.inventory.customers');
  });

  it('keeps a preview, lossy for binary, and no table for a heartbeat topic', () => {
    expect(undecodable(decodeMessage(garbageFixtures.notJson))).toMatchObject({
      preview: 'hello, this is not json',
      truncated: false,
    });
    // eslint-disable-next-line no-control-regex -- control characters are what must not show
    expect(undecodable(decodeMessage(garbageFixtures.binary)).preview).not.toMatch(/[\u0000-\u0008]/);
    const hb = undecodable(decodeMessage(garbageFixtures.onHeartbeatTopic));
    expect(hb.table).toBeUndefined();
    expect(tableKeyOf(hb)).toBeUndefined();
  });

  it('rejects a 10 MB payload without parsing it, with a capped preview', () => {
    const raw = hugeValue(10_000_000);
    const started = performance.now();
    const r = undecodable(decodeMessage(raw));
    expect(performance.now() - started).toBeLessThan(50);
    expect(r.reason).toBe('payload too large: 9.5 MB > 8 MB limit');
    expect(r.preview.length).toBe(2048);
    expect(r.truncated).toBe(true);
    expect(r.sizeBytes).toBe(raw.value?.length);
  });

  it('honours maxValueBytes and maxPreviewBytes', () => {
    const r = undecodable(decodeMessage(hugeValue(20_000), { maxValueBytes: 10_000, maxPreviewBytes: 16 }));
    expect(r.reason).toMatch(/^payload too large: 0 MB > 0 MB limit$/);
    expect(r.preview).toBe('{"before":null,"');
    expect(change(decodeMessage(hugeValue(20_000))).after).toHaveProperty('blob');
  });

  it('refuses 100k-deep nesting without a stack overflow', () => {
    const r = undecodable(decodeMessage(deeplyNested(100_000)));
    expect(r.reason).toBe('nesting deeper than 64 levels');
    expect(r.truncated).toBe(true);
    expect(change(decodeMessage(deeplyNested(10))).after).toHaveProperty('n');
    expect(decodeMessage(deeplyNested(10), { maxDepth: 5 }).kind).toBe('undecodable');
  });
});

describe('decodeMessage never throws', () => {
  /** Deterministic PRNG so a failure is reproducible. */
  function rng(seed: number) {
    let s = seed >>> 0;
    return () => (s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32;
  }
  const valid = [
    pgFixtures.createWrapped,
    mariadbFixtures.updateA,
    controlFixtures.txEndWrapped,
    controlFixtures.schemaChange,
  ];

  it('survives random bytes, truncations and byte flips of valid messages', () => {
    const rand = rng(42);
    const kinds = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const src = valid[i % valid.length]!;
      const bytes = new Uint8Array(src.value ?? new Uint8Array());
      let value: Uint8Array;
      switch (i % 3) {
        case 0:
          value = bytes.subarray(0, Math.floor(rand() * bytes.length));
          break;
        case 1:
          value = bytes.slice();
          for (let j = 0; j < 3; j++) value[Math.floor(rand() * value.length)] = Math.floor(rand() * 256);
          break;
        default:
          value = Uint8Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256));
      }
      const r = decodeMessage({ ...src, value, key: i % 5 === 0 ? value : src.key });
      kinds.add(r.kind);
      expect(typeof r.kind).toBe('string');
      if (r.kind === 'undecodable') expect(r.reason.length).toBeGreaterThan(0);
    }
    expect(kinds.has('undecodable')).toBe(true);
  });

  it('survives structurally odd but valid JSON', () => {
    const odd: unknown[] = [
      { op: 'c', source: 'not-an-object', after: { id: 1 } },
      { op: 'c', source: { connector: 42, snapshot: {}, ts_ms: 'soon', lsn: 'x' }, after: { id: 1 } },
      { op: 'c', after: { id: 1 }, transaction: { id: 7 } },
      { op: 'm', message: 'not-an-object', source: null },
      { status: 'END', id: 'x', data_collections: [null, 1, { data_collection: 3 }] },
      {
        ddl: 'DROP TABLE t',
        tableChanges: [null, { id: 5 }, { id: '"a"."b"', table: { primaryKeyColumnNames: [1, 'x'] } }],
      },
      { schema: 5, payload: { op: 'c' } },
      { op: null },
      {},
    ];
    for (const value of odd) {
      const r = decodeMessage(rawFrom({ topic: 'a.b.c', value }));
      expect(r.kind).toMatch(/change|transaction|schema-change|heartbeat|undecodable|tombstone/);
    }
  });
});

describe('decodeMessage never throws on bad Avro, flattened, outbox or CloudEvent input', () => {
  const cache = createSchemaCache({ display: 'readable' });
  const table = avroTables[0];
  if (table === undefined) throw new Error('no table');
  cache.resolve(100, registryAnswer(schemasOf(table).key), 0);
  cache.resolve(101, registryAnswer(schemasOf(table).value), 0);
  const opts = { schemas: cache };
  const pair = envelopePair(table, rng(1), 0, { key: 100, value: 101 }, false);
  const avro = pair.avro.value ?? new Uint8Array();

  it('gives a reason for truncated Avro, a wrong magic byte, trailing bytes and huge lengths', () => {
    expect(decodeMessage(pair.avro, opts).kind).toBe('change');
    const truncated = decodeMessage({ ...pair.avro, value: avro.subarray(0, avro.length - 3) }, opts);
    expect(undecodable(truncated).reason).toMatch(
      /^value \(Avro, schema id 101\): Avro data does not match the schema: (truncated Avro data|.*past the end)/,
    );
    const magic = avro.slice();
    magic[0] = 1;
    expect(undecodable(decodeMessage({ ...pair.avro, value: magic }, opts)).reason).toMatch(/^binary data/);
    const trailing = new Uint8Array([...avro, 0, 0]);
    expect(undecodable(decodeMessage({ ...pair.avro, value: trailing }, opts)).reason).toMatch(/2 bytes left over/);
    // `before` is the row (branch 1), order_id 1, line 1, sku a string (branch 1)… of 2^55 bytes.
    const huge = frameWire(
      101,
      new Uint8Array([0x02, 0x02, 0x02, 0x02, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x41]),
    );
    const started = performance.now();
    expect(undecodable(decodeMessage({ ...pair.avro, value: huge }, opts)).reason).toMatch(
      /Avro length 36028797018963970 is past the end of the data \(1 bytes left\)/,
    );
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('survives random truncations, byte flips and random bodies of Avro messages', () => {
    const rand = rng(99);
    const kinds = new Set<string>();
    for (let i = 0; i < 3_000; i++) {
      const src = envelopePair(table, rand, i, { key: 100, value: 101 }, false).avro;
      const bytes = src.value ?? new Uint8Array();
      let value: Uint8Array;
      switch (i % 3) {
        case 0:
          value = bytes.subarray(0, 5 + Math.floor(rand() * (bytes.length - 5)));
          break;
        case 1:
          value = bytes.slice();
          for (let j = 0; j < 3; j++) value[5 + Math.floor(rand() * (value.length - 5))] = Math.floor(rand() * 256);
          break;
        default:
          value = frameWire(
            101,
            Uint8Array.from({ length: Math.floor(rand() * 64) }, () => Math.floor(rand() * 256)),
          );
      }
      const r = decodeMessage({ ...src, value, key: i % 7 === 0 ? value : src.key }, opts);
      kinds.add(r.kind);
      if (r.kind === 'undecodable') expect(r.reason.length).toBeGreaterThan(0);
    }
    expect(kinds.has('undecodable')).toBe(true);
  });

  it('survives odd flattened rows, outbox values and CloudEvents', () => {
    const odd: [string, unknown, Record<string, string>?][] = [
      ['a.b.c', { __op: 42, __table: {}, __source_ts_ms: 'soon', __deleted: [] }],
      [
        'a.b.c',
        { __source_: 1, __transaction_id: 5, id: 1 },
        { __op: 'zz', __source_ts_ms: '99999999999999999999999' },
      ],
      ['outbox.event.X', [1, 2, 3]],
      ['outbox.event.X', { payload: { a: 1 }, type: { nested: true } }],
      ['outbox.event.X', '{"broken json'],
      ['outbox.event.', 42],
      ['shop', { aggregatetype: 'A', aggregateid: { x: 1 }, payload: null, id: null }],
      ['a.b.c', { ...cloudEventValue, data: 'not-base64!', datacontenttype: 'application/avro' }],
      [
        'a.b.c',
        {
          ...cloudEventValue,
          data: btoa(String.fromCharCode(0, 0, 0, 0, 101, 1, 2)),
          datacontenttype: 'application/avro',
        },
      ],
      ['a.b.c', { ...cloudEventValue, data: null }],
      ['a.b.c', { ...cloudEventValue, data: { after: 'not a row' } }],
      ['a.b.c', { specversion: 1, id: {}, source: [], type: 'x', data: {} }],
    ];
    for (const [topic, value, headers] of odd) {
      const r = decodeMessage(rawFrom({ topic, value, headers }), opts);
      expect(r.kind).toMatch(/change|outbox|tombstone|undecodable/);
    }
    const key = decodeMessage({ ...outboxFixtures.expanded, key: new Uint8Array([0, 0, 0, 0, 77]) }, opts);
    expect(key).toMatchObject({ kind: 'undecodable', needsSchema: 77 });
  });
});
