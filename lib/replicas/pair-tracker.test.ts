import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../contracts/change-event';
import { decodeMessage } from '../debezium/decode-message';
import { FIXTURE_NOW, mariadbFixtures, rawFrom } from '../debezium/fixtures';
import { createPairTracker } from './pair-tracker';
import type { PairTrackerOptions } from './pair-options';
import { mariaChange, pgChange, type ReplicaChangeInput } from './fixtures/replica-changes';

const T0 = FIXTURE_NOW;
const GRACE = 5_000;

function tracker(extra: Partial<PairTrackerOptions> = {}) {
  return createPairTracker({
    pairId: 'replicas',
    sideA: { serverName: 'replica_a' },
    sideB: { serverName: 'replica_b' },
    graceMs: GRACE,
    ...extra,
  });
}

/** Change number `i` (its own GTID and key) as delivered by one side. */
function ev(i: number, side: 'a' | 'b', extra: ReplicaChangeInput = {}): ChangeRecord {
  return mariaChange({ side, gtid: `0-1-${1000 + i}`, key: { order_id: i, line: 1 }, offset: i, ...extra });
}

describe('pair tracker: matching and duplicates', () => {
  it('matches the two copies of a change whatever their order, and measures the delay between them', () => {
    const t = tracker();
    expect(t.record(ev(1, 'a'), 'a', T0)).toBe('pending');
    expect(t.record(ev(1, 'b'), 'b', T0 + 120)).toBe('matched');
    expect(t.record(ev(2, 'b'), 'b', T0 + 200)).toBe('pending');
    expect(t.record(ev(2, 'a'), 'a', T0 + 260)).toBe('matched');
    const s = t.snapshot(T0 + 1_000);
    expect(s.totals).toMatchObject({ matched: 2, lateMatches: 0, divergent: 0 });
    expect(s.totals.a).toMatchObject({ unique: 2, duplicates: 0, pending: 0, onlyIn: 0 });
    expect(s.totals.b).toMatchObject({ unique: 2, duplicates: 0, pending: 0, onlyIn: 0 });
    expect(s.unique).toBe(2);
    expect(s.delay.m1).toMatchObject({ count: 2, max: 120 });
    expect(s.delay.m1.p50).toBeGreaterThanOrEqual(60);
    expect(s.tables).toHaveLength(1);
    expect(s.tables[0]).toMatchObject({ table: 'inventory.orders', matched: 2, delayMeanMs: 90 });
    expect(s.pendingNow).toBe(0);
  });

  it('finds the side by server name, and leaves other servers and non-change records alone', () => {
    const t = tracker();
    expect(t.offer(ev(1, 'a'), T0)).toBe('pending');
    expect(t.offer(ev(1, 'b'), T0 + 5)).toBe('matched');
    expect(t.offer(mariaChange({ server: 'replica_c' }), T0)).toBeUndefined();
    expect(t.offer(decodeMessage(mariadbFixtures.tombstone), T0)).toBeUndefined();
    expect(t.sideOf(ev(3, 'b'))).toBe('b');
    const s = t.snapshot(T0 + 10);
    expect(s.sides.a.records).toBe(1);
    expect(s.sides.b.lastSeenAt).toBe(T0 + 5);
  });

  it('counts the same event again on one side as a duplicate, before and after the match, never as unmatched', () => {
    const t = tracker();
    t.record(ev(1, 'a'), 'a', T0);
    expect(t.record(ev(1, 'a'), 'a', T0 + 10)).toBe('duplicate');
    expect(t.record(ev(1, 'b'), 'b', T0 + 20)).toBe('matched');
    expect(t.record(ev(1, 'b'), 'b', T0 + 30)).toBe('duplicate');
    expect(t.record(ev(1, 'a'), 'a', T0 + 40)).toBe('duplicate');
    const s = t.snapshot(T0 + 60_000);
    expect(s.totals.a).toMatchObject({ unique: 1, duplicates: 2, onlyIn: 0, lost: 0 });
    expect(s.totals.b).toMatchObject({ unique: 1, duplicates: 1, onlyIn: 0 });
    expect(s.totals.matched).toBe(1);
    expect(s.duplicateRate).toBeCloseTo(3 / 5);
    expect(s.onlyInA).toEqual([]);
  });

  it('treats a connector replaying from reset offsets as duplicates, not loss', () => {
    const t = tracker();
    for (let i = 0; i < 100; i++) {
      t.record(ev(i, 'a'), 'a', T0 + i);
      t.record(ev(i, 'b'), 'b', T0 + i + 3);
    }
    // Connector A restarts with reset offsets and sends everything again, minutes later.
    for (let i = 0; i < 100; i++) expect(t.record(ev(i, 'a'), 'a', T0 + 120_000 + i)).toBe('duplicate');
    const s = t.snapshot(T0 + 200_000);
    expect(s.totals.a).toMatchObject({ unique: 100, duplicates: 100, onlyIn: 0, lost: 0, pending: 0 });
    expect(s.totals.matched).toBe(100);
  });

  it('ignores what differs per server: binlog file/pos, server_id, thread, connector timestamps', () => {
    const t = tracker();
    const a = decodeMessage(mariadbFixtures.updateA);
    const b = decodeMessage(mariadbFixtures.updateBWrapped);
    t.offer(a, T0);
    expect(t.offer(b, T0 + 50)).toBe('matched');
    expect(t.snapshot(T0 + 100).totals.divergent).toBe(0);
  });
});

describe('pair tracker: grace period, late matches, loss', () => {
  it('reports a copy only in A after the grace period, with a compact reference, and moves it back on a late match', () => {
    const t = tracker();
    t.record(ev(7, 'a', { partition: 3 }), 'a', T0);
    t.tick(T0 + GRACE - 1);
    let s = t.snapshot(T0 + GRACE - 1);
    expect(s.totals.a).toMatchObject({ pending: 1, onlyIn: 0 });
    expect(s.onlyInA).toEqual([]);

    s = t.snapshot(T0 + GRACE + 1);
    expect(s.totals.a).toMatchObject({ pending: 0, onlyIn: 1 });
    expect(s.onlyInA).toHaveLength(1);
    expect(s.onlyInA[0]).toEqual({
      id: 'g|0-1-1007|inventory.orders|{"line":1,"order_id":7}',
      side: 'a',
      table: 'inventory.orders',
      op: 'u',
      key: '{"line":1,"order_id":7}',
      position: 'p3@7',
      receivedAt: T0,
      state: 'overdue',
      ageMs: GRACE + 1,
    });

    expect(t.record(ev(7, 'b'), 'b', T0 + 30_000)).toBe('late-match');
    s = t.snapshot(T0 + 30_001);
    expect(s.totals.a.onlyIn).toBe(0);
    expect(s.totals).toMatchObject({ matched: 1, lateMatches: 1 });
    expect(s.onlyInA).toEqual([]);
    expect(s.delay.m1.max).toBe(30_000);
  });

  it('acceptance: only-in-A climbs while connector B is paused and falls back as it catches up', () => {
    const t = tracker();
    const rate = 20; // events per second on A
    const pausedFor = 60;
    const onlyIn: number[] = [];
    // B is paused: A keeps delivering, ticks once a second.
    for (let sec = 0; sec < pausedFor; sec++) {
      for (let k = 0; k < rate; k++) t.record(ev(sec * rate + k, 'a'), 'a', T0 + sec * 1000 + k * 50);
      t.tick(T0 + sec * 1000 + 999);
      onlyIn.push(t.snapshot(T0 + sec * 1000 + 999).totals.a.onlyIn);
    }
    const peak = onlyIn[onlyIn.length - 1] ?? 0;
    expect(peak).toBe((pausedFor - GRACE / 1000) * rate);
    for (let i = 1; i < onlyIn.length; i++) expect(onlyIn[i]).toBeGreaterThanOrEqual(onlyIn[i - 1] ?? 0);
    // B resumes and catches up at 10× the rate, while A goes on.
    let n = pausedFor * rate;
    let next = 0;
    const falling: number[] = [];
    for (let sec = pausedFor; sec < pausedFor + 20; sec++) {
      for (let k = 0; k < rate; k++) t.record(ev(n++, 'a'), 'a', T0 + sec * 1000 + k * 50);
      for (let k = 0; k < rate * 10 && next < n; k++) t.record(ev(next++, 'b'), 'b', T0 + sec * 1000 + k * 5);
      falling.push(t.snapshot(T0 + sec * 1000 + 999).totals.a.onlyIn);
    }
    for (let i = 1; i < falling.length; i++) expect(falling[i]).toBeLessThanOrEqual(falling[i - 1] ?? 0);
    const s = t.snapshot(T0 + (pausedFor + 20) * 1000);
    expect(s.totals.a).toMatchObject({ onlyIn: 0, pending: 0, lost: 0, evicted: 0 });
    expect(s.totals.b).toMatchObject({ onlyIn: 0, pending: 0 });
    expect(s.totals.matched).toBe(n);
    // Everything overdue at the peak matched late, and some that went overdue during the catch-up.
    expect(s.totals.lateMatches).toBeGreaterThanOrEqual(peak);
    expect(s.totals.lateMatches).toBeLessThan(n);
    expect(s.onlyInA).toEqual([]);
    // The chart series shows the climb and the fall.
    const series = t.snapshot(T0 + (pausedFor + 20) * 1000, { seriesSeconds: 90 }).series;
    const gauges = series.map((p) => p.onlyInA).filter((v): v is number => v !== null);
    expect(Math.max(...gauges)).toBe(peak);
    expect(gauges[gauges.length - 1]).toBe(0);
  });

  it('gives a copy up as lost after maxPendingAgeMs, and takes that back if its twin arrives while remembered', () => {
    const t = tracker({ maxPendingAgeMs: 60_000 });
    t.record(ev(1, 'a'), 'a', T0);
    t.record(ev(2, 'a'), 'a', T0 + 1);
    let s = t.snapshot(T0 + 60_001);
    expect(s.totals.a).toMatchObject({ pending: 0, onlyIn: 0, lost: 2 });
    expect(s.onlyInA.map((e) => e.state)).toEqual(['lost', 'lost']);
    expect(s.pendingNow).toBe(0);
    expect(t.record(ev(1, 'b'), 'b', T0 + 90_000)).toBe('late-match');
    s = t.snapshot(T0 + 90_001);
    expect(s.totals.a.lost).toBe(1);
    expect(s.totals).toMatchObject({ matched: 1, lateMatches: 1 });
    expect(s.onlyInA.map((e) => e.id)).toEqual(['g|0-1-1002|inventory.orders|{"line":1,"order_id":2}']);
    expect(s.delay.m1.max).toBe(90_000);
  });

  it('evicts by the pending limit as "evicted", never as loss, and still matches an evicted id later', () => {
    const t = tracker({ maxPending: 10 });
    for (let i = 0; i < 15; i++) t.record(ev(i, 'a'), 'a', T0 + i);
    let s = t.snapshot(T0 + 100);
    expect(s.pendingNow).toBe(10);
    expect(s.totals.a).toMatchObject({ unique: 15, pending: 10, evicted: 5, lost: 0, onlyIn: 0 });
    expect(s.onlyInA.map((e) => e.state)).toEqual(['evicted', 'evicted', 'evicted', 'evicted', 'evicted']);
    // The oldest went first.
    expect(s.onlyInA.map((e) => e.key)).toContain('{"line":1,"order_id":0}');
    for (let i = 0; i < 15; i++) expect(t.record(ev(i, 'b'), 'b', T0 + 200 + i)).toBe('matched');
    s = t.snapshot(T0 + 300);
    expect(s.totals.a).toMatchObject({ evicted: 0, pending: 0 });
    expect(s.totals.b).toMatchObject({ unique: 15, pending: 0 });
    expect(s.totals.matched).toBe(15);
    expect(s.onlyInA).toEqual([]);
  });

  it('keeps memory bounded: pending and remembered ids never exceed their limits', () => {
    const t = tracker({ maxPending: 100, rememberIds: 50, maxPendingAgeMs: 1_000, rememberMs: 5_000 });
    for (let i = 0; i < 2_000; i++) {
      t.record(ev(i, i % 3 === 0 ? 'b' : 'a'), i % 3 === 0 ? 'b' : 'a', T0 + i * 10);
      if (i % 100 === 0) t.tick(T0 + i * 10);
      expect(t.pendingSize).toBeLessThanOrEqual(100);
    }
    const s = t.snapshot(T0 + 100_000);
    expect(s.pendingNow).toBe(0);
    const { a, b } = s.totals;
    // Every unique copy is accounted for exactly once.
    expect(a.unique + b.unique).toBe(2_000);
    expect(
      a.lost + b.lost + a.evicted + b.evicted + a.pending + b.pending + a.onlyIn + b.onlyIn + 2 * s.totals.matched,
    ).toBe(2_000);
  });
});

describe('pair tracker: divergence and occurrences', () => {
  it('pairs divergent GTID copies when the first passes the grace period, with the field diff', () => {
    const t = tracker();
    const a = ev(1, 'a', { after: { order_id: 1, line: 1, quantity: 4, meta: { shipped: true } } });
    const b = ev(1, 'b', { after: { order_id: 1, line: 1, quantity: 5, meta: { shipped: false } } });
    t.record(a, 'a', T0);
    // Other content: possibly a later occurrence delivered first, so it waits too.
    expect(t.record(b, 'b', T0 + 40)).toBe('pending');
    expect(t.snapshot(T0 + GRACE - 1).totals.divergent).toBe(0);
    const s = t.snapshot(T0 + GRACE);
    expect(s.totals).toMatchObject({ matched: 1, divergent: 1, lateMatches: 0 });
    expect(s.totals.a).toMatchObject({ unique: 1, pending: 0, onlyIn: 0 });
    expect(s.totals.b).toMatchObject({ unique: 1, pending: 0, onlyIn: 0 });
    expect(s.onlyInA).toEqual([]);
    expect(s.tables[0]?.divergent).toBe(1);
    expect(s.delay.m1.max).toBe(40);
    const d = s.divergentPairs[0];
    expect(d).toMatchObject({
      id: 'g|0-1-1001|inventory.orders|{"line":1,"order_id":1}',
      table: 'inventory.orders',
      key: '{"line":1,"order_id":1}',
      detectedAt: T0 + GRACE,
      diffOmitted: 0,
    });
    expect(d?.a.receivedAt).toBe(T0);
    expect(d?.b.receivedAt).toBe(T0 + 40);
    expect(d?.diff).toEqual([
      { path: ['after', 'quantity'], kind: 'changed', before: 4, after: 5 },
      { path: ['after', 'meta', 'shipped'], kind: 'changed', before: true, after: false },
    ]);
    // Both copies are remembered: a redelivery of either is a duplicate.
    expect(t.record(b, 'b', T0 + GRACE + 1)).toBe('duplicate');
    expect(t.record(a, 'a', T0 + GRACE + 2)).toBe('duplicate');
  });

  it('matches divergent copies of exact ids (LSN) at once', () => {
    const t = createPairTracker({ pairId: 'pg', sideA: { serverName: 'pg' }, sideB: { serverName: 'pg_standby' } });
    t.offer(pgChange({ lsn: 100, id: 1 }), T0);
    expect(
      t.offer(pgChange({ server: 'pg_standby', lsn: 100, id: 1, after: { id: 1, first_name: 'Other' } }), T0 + 3),
    ).toBe('matched');
    const d = t.snapshot(T0 + 4).divergentPairs[0];
    expect(d?.diff).toContainEqual({ path: ['after', 'first_name'], kind: 'changed', before: 'Anne', after: 'Other' });
    expect(d?.diff?.filter((x) => x.kind === 'removed').map((x) => x.path[1])).toEqual(['last_name', 'email']);
  });

  it('gives a null diff when a copy is no longer held', () => {
    const t = tracker({ retainCopies: 0 });
    t.record(ev(1, 'b', { after: { v: 1 } }), 'b', T0);
    t.record(ev(1, 'a', { after: { v: 2 } }), 'a', T0 + 1);
    expect(t.snapshot(T0 + GRACE + 1).divergentPairs[0]?.diff).toBeNull();
  });

  it('does not mistake occurrences delivered in another order, or one missing, for divergence', () => {
    const t = tracker();
    const first = { after: { order_id: 1, line: 1, quantity: 2 } };
    const second = { after: { order_id: 1, line: 1, quantity: 3 } };
    const third = { after: { order_id: 1, line: 1, quantity: 4 } };
    t.record(ev(1, 'a', first), 'a', T0);
    t.record(ev(1, 'a', second), 'a', T0 + 1);
    t.record(ev(1, 'a', third), 'a', T0 + 2);
    // B delivers the second before the first, and never the third.
    expect(t.record(ev(1, 'b', second), 'b', T0 + 10)).toBe('matched');
    expect(t.record(ev(1, 'b', first), 'b', T0 + 11)).toBe('matched');
    const s = t.snapshot(T0 + GRACE + 10);
    expect(s.totals).toMatchObject({ matched: 2, divergent: 0 });
    expect(s.totals.a).toMatchObject({ unique: 3, onlyIn: 1 });
    expect(s.onlyInA[0]?.id.endsWith('#2')).toBe(true);
  });

  it('tells apart two changes of one row in one transaction, and recognises their redelivery', () => {
    const t = tracker();
    const first = { after: { order_id: 1, line: 1, quantity: 2 } };
    const second = { after: { order_id: 1, line: 1, quantity: 3 } };
    t.record(ev(1, 'a', first), 'a', T0);
    t.record(ev(1, 'a', second), 'a', T0 + 1);
    expect(t.record(ev(1, 'b', first), 'b', T0 + 10)).toBe('matched');
    expect(t.record(ev(1, 'b', second), 'b', T0 + 11)).toBe('matched');
    expect(t.record(ev(1, 'a', second), 'a', T0 + 20)).toBe('duplicate');
    expect(t.record(ev(1, 'a', first), 'a', T0 + 21)).toBe('duplicate');
    const s = t.snapshot(T0 + 100);
    expect(s.totals).toMatchObject({ matched: 2, divergent: 0 });
    expect(s.totals.a).toMatchObject({ unique: 2, duplicates: 2 });
  });

  it('with place "transaction" matches by data_collection_order; a side without metadata never matches', () => {
    const tx = (order: number) => ({
      transaction: { id: '0-1-1001', total_order: order, data_collection_order: order },
    });
    const t = tracker({ identity: { kind: 'auto', place: 'transaction' } });
    t.record(ev(1, 'a', tx(1)), 'a', T0);
    expect(t.record(ev(1, 'b', tx(1)), 'b', T0 + 1)).toBe('matched');
    t.record(ev(2, 'a', tx(1)), 'a', T0 + 2);
    expect(t.record(ev(2, 'b'), 'b', T0 + 3)).toBe('pending');
  });

  it('pairs PostgreSQL copies by LSN', () => {
    const t = createPairTracker({ pairId: 'pg', sideA: { serverName: 'pg' }, sideB: { serverName: 'pg_standby' } });
    expect(t.offer(pgChange({ lsn: 100, id: 1 }), T0)).toBe('pending');
    expect(t.offer(pgChange({ server: 'pg_standby', lsn: 100, id: 1 }), T0 + 3)).toBe('matched');
    expect(t.offer(pgChange({ server: 'pg_standby', lsn: 101, id: 1 }), T0 + 4)).toBe('pending');
    expect(t.snapshot(T0 + 5).idBasis.lsn).toBe(3);
  });
});

describe('pair tracker: scope, tables, versions', () => {
  it('ignores snapshot reads unless asked, and tables outside the list', () => {
    const t = tracker({ tables: ['inventory.orders'] });
    expect(t.record(ev(1, 'a', { op: 'r', snapshot: 'true', gtid: null }), 'a', T0)).toBe('ignored');
    expect(t.record(ev(1, 'a', { table: 'inventory.other' }), 'a', T0)).toBe('ignored');
    expect(t.snapshot(T0).totals.ignored).toBe(2);
    const pairing = tracker({ snapshots: 'pair' });
    pairing.record(ev(1, 'a', { op: 'r', snapshot: 'true', gtid: null }), 'a', T0);
    expect(pairing.record(ev(1, 'b', { op: 'r', snapshot: 'true', gtid: null }), 'b', T0 + 1)).toBe('matched');
    expect(pairing.snapshot(T0 + 2).idBasis.content).toBe(2);
  });

  it('counts per table, and gives only the tables changed since a version', () => {
    const t = tracker();
    t.record(ev(1, 'a', { table: 'inventory.orders' }), 'a', T0);
    t.record(ev(2, 'a', { table: 'inventory.customers' }), 'a', T0);
    const v = t.snapshot(T0 + 1).version;
    t.record(ev(2, 'b', { table: 'inventory.customers' }), 'b', T0 + 2);
    const delta = t.snapshot(T0 + 3, { sinceVersion: v });
    expect(delta.tablesComplete).toBe(false);
    expect(delta.tables.map((x) => x.table)).toEqual(['inventory.customers']);
    expect(delta.totals.matched).toBe(1);
    expect(t.snapshot(T0 + 4, { sinceVersion: delta.version }).tables).toEqual([]);
    expect(
      t
        .snapshot(T0 + 5)
        .tables.map((x) => x.table)
        .sort(),
    ).toEqual(['inventory.customers', 'inventory.orders']);
  });

  it('counts tables over the cap together under *', () => {
    const t = tracker({ maxTables: 2 });
    for (const table of ['db.t1', 'db.t2', 'db.t3', 'db.t4']) t.record(ev(1, 'a', { table }), 'a', T0);
    const s = t.snapshot(T0);
    expect(s.tableOverflow).toBe(true);
    expect(s.tables.map((x) => x.table)).toEqual(['db.t1', 'db.t2', '*']);
    expect(s.tables[2]?.a.unique).toBe(2);
  });

  it('pairs JetStream copies (no key, positions as sequences)', () => {
    const t = tracker();
    const raw = rawFrom({
      topic: 'replica_a.inventory.orders',
      broker: 'jetstream',
      offset: 88,
      value: JSON.parse(new TextDecoder().decode(mariadbFixtures.jetstreamBare.value ?? new Uint8Array())),
    });
    t.offer(decodeMessage(raw), T0);
    const s = t.snapshot(T0 + GRACE);
    expect(s.onlyInA[0]?.position).toBe('#88');
  });
});
