import { describe, expect, it } from 'vitest';
import type { DecodedRecord, UndecodableRecord } from '../contracts/change-event';
import { decodeMessage } from './decode-message';
import { tableKeyOf } from './table-identity';
import { controlFixtures, deeplyNested, garbageFixtures, hugeValue, mariadbFixtures, pgFixtures, rawFrom } from './fixtures';

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
    ['empty', /^empty message$/],
    ['binary', /^binary data$/],
    ['avroWire', /^binary data \(Schema Registry wire format, schema id 42/],
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
    expect(undecodable(decodeMessage(garbageFixtures.notJson))).toMatchObject({ preview: 'hello, this is not json', truncated: false });
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
    return () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0) / 2 ** 32);
  }
  const valid = [pgFixtures.createWrapped, mariadbFixtures.updateA, controlFixtures.txEndWrapped, controlFixtures.schemaChange];

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
      { ddl: 'DROP TABLE t', tableChanges: [null, { id: 5 }, { id: '"a"."b"', table: { primaryKeyColumnNames: [1, 'x'] } }] },
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
