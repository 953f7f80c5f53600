import { describe, expect, it } from 'vitest';
import type { EventFilter } from '../contracts/inspector';
import { decodeMessage } from '../debezium/decode-message';
import { FIXTURE_NOW, garbageFixtures, pgSource, rawFrom } from '../debezium/fixtures';
import { parseFieldCondition } from '../contracts/inspector';
import { ENTRY_OVERHEAD_BYTES, createEventStore, type EventStore, type EventStoreOptions } from './event-store';

let offset = 0;

/** One PostgreSQL change on `pg.inventory.<table>`, through the real decoder. */
function change(
  store: EventStore,
  o: {
    table?: string;
    op?: 'c' | 'u' | 'd';
    id?: number;
    before?: object | null;
    after?: object | null;
    at?: number;
    sourceId?: string;
    pad?: number;
  } = {},
) {
  const table = o.table ?? 'customers';
  const id = o.id ?? 1;
  const op = o.op ?? 'c';
  const row = { id, note: 'x'.repeat(o.pad ?? 0) };
  const value = {
    op,
    before: o.before !== undefined ? o.before : op === 'c' ? null : row,
    after: o.after !== undefined ? o.after : op === 'd' ? null : row,
    source: pgSource({ table }),
  };
  const raw = rawFrom({
    topic: `pg.inventory.${table}`,
    key: { id },
    value,
    offset: offset++,
    receivedAt: o.at ?? FIXTURE_NOW,
    sourceId: o.sourceId,
  });
  const rec = decodeMessage(raw);
  store.add(rec, raw);
  return rec;
}

const fill = (options: EventStoreOptions, n: number, table = 'customers') => {
  const store = createEventStore(options);
  for (let i = 0; i < n; i++) change(store, { table, id: i });
  return store;
};

const page = (store: EventStore, filter: EventFilter = {}, cursor?: string, limit?: number) => {
  const r = store.query(filter, cursor, limit);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};
const keys = (store: EventStore, filter: EventFilter = {}) => page(store, filter).items.map((i) => i.key);

describe('event store limits', () => {
  it('keeps the newest perTableCount events per table and forgets evicted ids', () => {
    const store = fill({ perTableCount: 3 }, 5);
    expect(keys(store)).toEqual(['id=4', 'id=3', 'id=2']);
    expect(store.stats().events).toBe(3);
    const [newest] = page(store).items;
    expect(store.get(newest!.id)?.record.kind).toBe('change');
    const first = `kafka-test:pg.inventory.customers:p0@${offset - 5}`;
    expect(store.get(first)).toBeUndefined();
    expect(store.detail(first)).toBeUndefined();
  });

  it('evicts by bytes per table but always keeps the newest event', () => {
    const store = createEventStore({ perTableBytes: 3 * (ENTRY_OVERHEAD_BYTES + 500) });
    for (let i = 0; i < 6; i++) change(store, { id: i, pad: 100 });
    const held = store.stats().events;
    expect(held).toBeGreaterThan(0);
    expect(held).toBeLessThan(6);
    expect(store.stats().bytes).toBeLessThanOrEqual(3 * (ENTRY_OVERHEAD_BYTES + 500));
    change(store, { id: 99, pad: 50_000 });
    expect(keys(store)).toEqual(['id=99']);
  });

  it('evicts the least recently written table first under the global cap', () => {
    const probe = createEventStore();
    change(probe, { table: 'a', id: 0 });
    const cost = probe.stats().bytes; // every event below has the same size
    const store = createEventStore({ globalBytes: Math.floor(7.5 * cost) });
    for (let i = 0; i < 3; i++) change(store, { table: 'a', id: i });
    for (let i = 0; i < 3; i++) change(store, { table: 'b', id: i });
    change(store, { table: 'a', id: 3 }); // a is now written after b
    for (let i = 4; i < 7; i++) change(store, { table: 'c', id: i });
    expect(store.stats().bytes).toBe(7 * cost);
    expect(keys(store, { table: 'pg.inventory.b' })).toEqual([]);
    expect(keys(store, { table: 'pg.inventory.a' })).toEqual(['id=3', 'id=2', 'id=1', 'id=0']);
    expect(keys(store, { table: 'pg.inventory.c' })).toEqual(['id=6', 'id=5', 'id=4']);
    expect(store.stats().tables).toBe(2);
  });

  it('ignores re-deliveries and control records, and forgets tables', () => {
    const store = createEventStore();
    const raw = rawFrom({
      topic: 'pg.inventory.customers',
      key: { id: 1 },
      value: { op: 'c', before: null, after: { id: 1 }, source: pgSource() },
      offset: 7,
    });
    expect(store.add(decodeMessage(raw), raw)).toBe(true);
    expect(store.add(decodeMessage(raw), raw)).toBe(false);
    const hb = rawFrom({ topic: '__debezium-heartbeat.pg', value: { ts_ms: 1 } });
    expect(store.add(decodeMessage(hb), hb)).toBe(false);
    store.forget('pg.inventory.customers');
    expect(store.stats()).toEqual({ events: 0, bytes: 0, tables: 0 });
  });

  it('keeps undecodables without a table under the pseudo-table', () => {
    const store = createEventStore();
    const raw = garbageFixtures.onHeartbeatTopic;
    store.add(decodeMessage(raw), raw);
    expect(page(store, { table: '(undecodable)' }).items).toHaveLength(1);
  });

  it('stays consistent through many evictions (compaction)', () => {
    const store = fill({ perTableCount: 10, globalBytes: 50 * (ENTRY_OVERHEAD_BYTES + 300) }, 0);
    for (let i = 0; i < 20_000; i++) change(store, { table: `t${i % 7}`, id: i });
    const all = page(store, {}, undefined, 500).items;
    expect(all.length).toBe(store.stats().events);
    expect(all[0]?.key).toBe('id=19999');
    for (const item of all) expect(store.get(item.id)).toBeDefined();
  });
});

describe('event store queries', () => {
  function sample() {
    const store = createEventStore();
    change(store, { table: 'orders', id: 1, after: { id: 1, status: 'new', total: 50 }, at: 1_000 });
    change(store, {
      table: 'orders',
      id: 2,
      after: { id: 2, status: 'shipped', total: 150, meta: '{"carrier":"UPS"}' },
      at: 2_000,
      sourceId: 'other',
    });
    change(store, {
      table: 'orders',
      id: 1,
      op: 'u',
      before: { id: 1, status: 'new', total: 50 },
      after: { id: 1, status: 'shipped', total: 50 },
      at: 3_000,
    });
    change(store, { table: 'customers', id: 42, op: 'd', before: { id: 42, email: 'ann@example.com' }, at: 4_000 });
    store.add(decodeMessage(garbageFixtures.notJson), garbageFixtures.notJson);
    return store;
  }
  const f = (...conds: string[]) => ({ field: conds.map((c) => parseFieldCondition(c)!) });

  it('filters by source, table, op, key, kind and time', () => {
    const s = sample();
    expect(keys(s, { sourceId: 'other' })).toEqual(['id=2']);
    expect(keys(s, { table: 'pg.inventory.orders' })).toEqual(['id=1', 'id=2', 'id=1']);
    expect(keys(s, { op: ['u', 'd'] })).toEqual(['id=42', 'id=1']);
    expect(keys(s, { key: 'ID=4' })).toEqual(['id=42']);
    expect(page(s, { kind: 'undecodable' }).items.map((i) => i.kind)).toEqual(['undecodable']);
    expect(keys(s, { from: 2_000, to: 3_000 })).toEqual(['id=1', 'id=2']);
  });

  it('compares field paths', () => {
    const s = sample();
    expect(keys(s, f('after.status=shipped'))).toEqual(['id=1', 'id=2']);
    expect(keys(s, f('after.status!=shipped'))).toEqual(['id=1']);
    expect(keys(s, f('after.total>100'))).toEqual(['id=2']);
    expect(keys(s, f('before.total<100'))).toEqual(['id=1']);
    expect(keys(s, f('after.meta.carrier~ups'))).toEqual(['id=2']);
    expect(keys(s, f('key.id=42'))).toEqual(['id=42']);
    expect(keys(s, f('after.status=shipped', 'before.status=new'))).toEqual(['id=1']);
  });

  it('searches free text in key, before and after', () => {
    const s = sample();
    expect(keys(s, { q: 'EXAMPLE.com' })).toEqual(['id=42']);
    expect(keys(s, { q: 'nowhere' })).toEqual([]);
  });

  it('filters and searches the masked rows, not the hidden values', () => {
    const masker = {
      active: true,
      replacement: '***',
      maskRow: (_t: string | undefined, row: Record<string, unknown>) =>
        'email' in row ? { ...row, email: '***' } : row,
      maskDiffs: (_t: string | undefined, d: never[]) => d,
      maskText: () => '***',
    };
    const s = createEventStore({ masker });
    change(s, { id: 42, op: 'd', before: { id: 42, email: 'ann@example.com' } });
    expect(keys(s, { q: 'ann@' })).toEqual([]);
    expect(keys(s, f('before.email~ann'))).toEqual([]);
    expect(keys(s, f('before.email=***'))).toEqual(['id=42']);
  });

  it('pages newest first without repeats or gaps, also with new events arriving', () => {
    const store = fill({}, 25);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let n = 0; n < 10; n++) {
      const p = page(store, {}, cursor, 7);
      seen.push(...p.items.map((i) => i.key ?? ''));
      if (n === 0) change(store, { id: 1000 });
      if (p.nextCursor === null) break;
      cursor = p.nextCursor;
    }
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => `id=${24 - i}`));
  });

  it('stops at the scan limit and continues from the cursor', () => {
    const store = fill({ scanLimit: 10 }, 25);
    change(store, { id: 500, table: 'rare' });
    for (let i = 0; i < 15; i++) change(store, { id: 600 + i });
    const first = page(store, { op: ['d'] });
    expect(first).toMatchObject({ items: [], scanned: 10, truncated: true });
    const second = page(store, { sourceId: 'kafka-test', key: 'id=500' }, first.nextCursor ?? undefined);
    expect(second.items.map((i) => i.key)).toEqual(['id=500']);
    expect(page(store, {}, undefined, 500).items).toHaveLength(10);
  });

  it('rejects foreign and stale cursors', () => {
    const a = createEventStore({ runId: 'a1' });
    const b = createEventStore({ runId: 'b2' });
    for (let i = 0; i < 3; i++) change(a, { id: i });
    const cursor = page(a, {}, undefined, 1).nextCursor!;
    expect(b.query({}, cursor)).toEqual({ ok: false, error: expect.stringMatching(/earlier server run/) });
    expect(a.query({}, 'garbage')).toEqual({ ok: false, error: expect.stringMatching(/not a cursor/) });
  });
});
