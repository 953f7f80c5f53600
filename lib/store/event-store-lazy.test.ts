import { describe, expect, it } from 'vitest';
import { channelOf, positionOf, type RawMessage } from '../contracts/raw-message';
import { decodeMessage } from '../debezium/decode-message';
import type { DecodeOptions } from '../debezium/decode-options';
import {
  controlFixtures,
  deeplyNested,
  garbageFixtures,
  hugeValue,
  mariadbFixtures,
  pgFixtures,
  rawFrom,
  withSchema,
} from '../debezium/fixtures';
import { rng } from '../debezium/fixtures/avro-envelopes';
import { cloudEventFixtures, flattenedFixtures, outboxFixtures, outboxTableChange } from '../debezium/fixtures/shapes';
import type { DecodedRecord } from '../contracts/change-event';
import { createEventStore, type EventStore, type EventStoreOptions } from './event-store';
import { LazyStoredEvent } from './stored-event';

const LIMITLESS: EventStoreOptions = { perTableCount: 1e6, perTableBytes: 1e12, globalBytes: 1e12 };

/**
 * The inspector keeps JSON changes and tombstones as raw bytes and decodes them
 * again when read (stored-event.ts): what a reader gets must be exactly the
 * record ingest decoded, for every shape the decoder knows and for random
 * envelopes (10,000, seeded).
 */

const OPTIONS: DecodeOptions = { primaryKeys: { 'inventory.orders': ['order_id'] } };
const decode = (raw: RawMessage) => decodeMessage(raw, OPTIONS);
const encoder = new TextEncoder();

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

function text(r: Rand): string {
  const alphabets = [
    'plain text',
    'Grüße, Ünïcödé',
    '日本語のテキスト',
    'emoji 🎉🚀',
    'quote " back \\ slash\n\ttab',
    '\u0000\u001f',
  ];
  let s = '';
  const n = Math.floor(r() * 4);
  for (let i = 0; i < n; i++) s += pick(r, alphabets);
  return s;
}

function value(r: Rand, depth: number): unknown {
  const k = Math.floor(r() * (depth > 2 ? 5 : 7));
  switch (k) {
    case 0:
      return null;
    case 1:
      return Math.floor(r() * 2 ** 40) * (r() < 0.5 ? -1 : 1);
    case 2:
      return r() * 1e6;
    case 3:
      return r() < 0.5;
    case 4:
      return text(r);
    case 5:
      return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
    default:
      return row(r, depth + 1);
  }
}

function row(r: Rand, depth = 0): Record<string, unknown> {
  const out: Record<string, unknown> = { id: Math.floor(r() * 1e6) };
  const n = Math.floor(r() * 8);
  for (let i = 0; i < n; i++)
    out[pick(r, ['name', 'email', 'note', 'meta', 'source', 'op', 'after', `c${i}`])] = value(r, depth);
  return out;
}

function source(r: Rand): Record<string, unknown> {
  const connector = pick(r, ['mariadb', 'mysql', 'postgresql', 'mongodb', 'sqlserver']);
  const base: Record<string, unknown> = {
    version: '3.5.0.Final',
    connector,
    name: pick(r, ['replica_a', 'pg', 'shop']),
    ts_ms: 1_700_000_000_000 + Math.floor(r() * 1e6),
    snapshot: pick(r, ['false', 'true', 'last', 'incremental', false, 'something-new']),
    db: pick(r, ['inventory', 'shop', '']),
    table: pick(r, ['orders', 'customers', '']),
  };
  if (connector === 'postgresql') Object.assign(base, { schema: 'public', lsn: Math.floor(r() * 1e9), txId: 7 });
  if (connector === 'mariadb' || connector === 'mysql')
    Object.assign(base, { gtid: r() < 0.5 ? null : '0-1-42', file: 'bin.000001', pos: 4, row: 0, server_id: 1 });
  if (connector === 'mongodb') base.collection = 'orders';
  if (r() < 0.1) delete base.table;
  return base;
}

function envelope(r: Rand): unknown {
  const op = pick(r, ['c', 'u', 'd', 'r', 't', 'm']);
  const env: Record<string, unknown> = {
    before: op === 'c' || op === 'r' || r() < 0.2 ? null : row(r),
    after: op === 'd' ? null : row(r),
    source: source(r),
    op,
  };
  const ts = Math.floor(r() * 3);
  if (ts === 0) env.ts_ms = 1_700_000_000_100;
  if (ts === 1) env.ts_us = 1_700_000_000_100_123;
  if (ts === 2 && r() < 0.5) env.ts_ns = 1.7e18 + Math.floor(r() * 1000) * 1_000_000;
  if (r() < 0.3) env.transaction = { id: `tx-${Math.floor(r() * 100)}`, total_order: 3, data_collection_order: 1 };
  if (op === 'm') env.message = { prefix: 'audit', content: 'aGVsbG8=' };
  if (r() < 0.05) env.after = JSON.stringify(row(r)); // MongoDB writes rows as extended-JSON strings
  return env;
}

/** `base`: receivedAt of the first; the default is far from now, where a kept event holds its origin object. */
function randomRaw(r: Rand, i: number, base = 1_700_000_000_500): RawMessage {
  const topic = pick(r, ['replica_a.inventory.orders', 'pg.public.customers', 'shop.shop.items', 'outbox.event.order']);
  const jetstream = r() < 0.3;
  const keyRow = { order_id: i };
  const wrapped = r() < 0.3;
  const env = r() < 0.05 ? null : envelope(r);
  let valueBytes: Uint8Array | string | undefined;
  if (env !== null) {
    valueBytes = JSON.stringify(wrapped ? withSchema(env, topic) : env);
    if (r() < 0.03) valueBytes = `\uFEFF${valueBytes}`;
    if (r() < 0.03) {
      // Invalid UTF-8 inside a string: text decoding replaces it, and the stored size must still be the received one.
      const bytes = encoder.encode(valueBytes);
      const at = bytes.indexOf(0x22 /* " */, bytes.length >> 1);
      if (at > 0) bytes[at + 1] = 0xff;
      valueBytes = bytes;
    }
  }
  return rawFrom({
    topic,
    broker: jetstream ? 'jetstream' : 'kafka',
    key: jetstream ? undefined : wrapped ? withSchema(keyRow, topic, 'Key') : keyRow,
    value: env,
    valueBytes,
    headers: r() < 0.1 ? { __op: 'u', 'x-trace': 'abc' } : {},
    offset: i,
    receivedAt: base + i,
  });
}

function fixtureRaws(): RawMessage[] {
  return [
    ...Object.values(pgFixtures),
    ...Object.values(mariadbFixtures),
    ...Object.values(controlFixtures),
    ...Object.values(garbageFixtures),
    ...Object.values(flattenedFixtures),
    ...Object.values(outboxFixtures),
    ...Object.values(cloudEventFixtures),
    outboxTableChange,
    hugeValue(300 * 1024),
    hugeValue(4 * 1024),
    deeplyNested(80),
  ];
}

function checkAgree(raws: RawMessage[], limits: EventStoreOptions = LIMITLESS): { lazy: number; store: EventStore } {
  const store = createEventStore({ decode, ...limits });
  const kept: [string, DecodedRecord][] = [];
  let lazy = 0;
  for (const raw of raws) {
    const ingested = decode(raw);
    const added = store.add(ingested, raw);
    if (!added) continue;
    const id = `${raw.sourceId}:${channelOf(raw.origin)}:${positionOf(raw.origin)}`;
    const event = store.get(id);
    expect(event).toBeDefined();
    if (event instanceof LazyStoredEvent) lazy++;
    expect(event?.record).toEqual(ingested);
    // The origin is rebuilt from the event's fields for a Kafka message read lately: in the same key order too.
    expect(JSON.stringify(event?.record.origin)).toBe(JSON.stringify(ingested.origin));
    kept.push([id, ingested]);
  }
  // Read again once everything is in: the rings grew and wrapped since, and evicted what the limits say.
  for (const [id, ingested] of kept) {
    const event = store.get(id);
    if (event !== undefined) expect(event.record).toEqual(ingested);
  }
  return { lazy, store };
}

describe('inspector events kept as bytes decode back to the record ingest saw', () => {
  it("on every one of the decoder's fixture shapes", () => {
    const raws = fixtureRaws();
    const { lazy } = checkAgree(raws);
    // Most fixtures are plain JSON changes or tombstones, kept as bytes; the rest (undecodable, Avro) whole.
    expect(lazy).toBeGreaterThan(10);
  });

  it('on 10,000 random envelopes (seeded)', () => {
    const r = rng(20261206);
    const raws = Array.from({ length: 10_000 }, (_, i) => randomRaw(r, i));
    const { lazy } = checkAgree(raws);
    expect(lazy).toBeGreaterThan(7_000);
    // ~2 s alone; room for a machine shared with other work.
  }, 60_000);

  it('on envelopes received now, whose Kafka origins are kept as numbers and rebuilt', () => {
    const r = rng(20261208);
    const now = Date.now();
    const raws = Array.from({ length: 3_000 }, (_, i) => randomRaw(r, i, now - 1_000_000));
    expect(checkAgree(raws).lazy).toBeGreaterThan(2_000);
  }, 60_000);

  it('rebuilds an origin whatever id the caller gave and whatever its times', () => {
    const store = createEventStore({ decode, ...LIMITLESS });
    const now = Date.now();
    const value: unknown = JSON.parse(new TextDecoder().decode(pgFixtures.createBare.value ?? new Uint8Array()));
    const cases: [RawMessage, string][] = [
      [rawFrom({ topic: 'pg.public.customers', key: { id: 1 }, value, receivedAt: now }), 'given-id'],
      [rawFrom({ topic: 'pg.public.customers', key: { id: 2 }, value, receivedAt: now + 0.5 }), 'a'],
      [rawFrom({ topic: 'pg.public.customers', key: { id: 3 }, value, timestamp: -1 }), 'b'],
      [
        rawFrom({ topic: 'pg.public.customers', key: { id: 4 }, value, offset: 2 ** 40, receivedAt: now }),
        `c@${2 ** 40}`,
      ],
    ];
    for (const [raw, id] of cases) {
      const ingested = decode(raw);
      expect(store.add(ingested, raw, undefined, id)).toBe(true);
      const event = store.get(id);
      expect(event).toBeInstanceOf(LazyStoredEvent);
      expect(event?.record).toEqual(ingested);
    }
  });

  it('on the same envelopes through small tables, whose rings wrap and evict', () => {
    const r = rng(20261207);
    const raws = Array.from({ length: 5_000 }, (_, i) => randomRaw(r, i));
    const { lazy, store } = checkAgree(raws, { perTableCount: 1e6, perTableBytes: 32 * 1024, globalBytes: 1e12 });
    // A few dozen events per table are left: most went, oldest first, as their table's ring filled.
    expect(lazy).toBeGreaterThan(3_500);
    expect(store.stats().events).toBeLessThan(lazy / 4);
    expect(store.stats().bytes).toBeLessThanOrEqual(store.stats().tables * 32 * 1024);
  }, 60_000);

  it('keeps wire-format (Avro) messages and undecodables whole', () => {
    const store = createEventStore({ decode });
    for (const raw of [garbageFixtures.avroWire, garbageFixtures.notJson]) store.add(decode(raw), raw);
    const page = store.query({});
    if (!page.ok) throw new Error(page.error);
    expect(page.value.items).toHaveLength(2);
    for (const item of page.value.items) expect(store.get(item.id)).not.toBeInstanceOf(LazyStoredEvent);
  });
});
