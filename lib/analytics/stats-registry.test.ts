import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { changeAt, controlFixtures, garbageFixtures, mariadbFixtures, pgFixtures, rawFrom } from '../debezium/fixtures';
import { createStatsRegistry } from './stats-registry';

const T = 1_700_000_010_000;

describe('stats registry: routing', () => {
  it('keeps one row per server and table', () => {
    const reg = createStatsRegistry();
    reg.record(decodeMessage(mariadbFixtures.updateA), T);
    reg.record(decodeMessage(mariadbFixtures.updateBWrapped), T);
    reg.record(changeAt({ topic: 'pg.inventory.orders', now: T }), T);
    reg.record(changeAt({ topic: 'pg.inventory.orders', now: T }), T);
    expect(reg.tableKeys().sort()).toEqual([
      'pg.inventory.orders',
      'replica_a.inventory.orders',
      'replica_b.inventory.orders',
    ]);
    const rows = reg.summaries(T).tables;
    expect(rows.filter((r) => r.table === 'inventory.orders')).toHaveLength(3);
    expect(reg.detail('pg.inventory.orders', T)?.totals.c).toBe(2);
    expect(reg.detail('nope', T)).toBeUndefined();
  });

  it('counts control records per source and server without creating table rows', () => {
    const reg = createStatsRegistry();
    for (const raw of [
      controlFixtures.txBegin,
      controlFixtures.txEndWrapped,
      controlFixtures.heartbeat,
      controlFixtures.heartbeatWrapped,
      controlFixtures.schemaChange,
    ]) {
      reg.record(decodeMessage(raw), T);
    }
    reg.record(decodeMessage(garbageFixtures.onHeartbeatTopic), T); // no table to guess
    expect(reg.size).toBe(0);
    expect(reg.sources()).toEqual([
      expect.objectContaining({
        sourceId: 'kafka-test',
        messages: 6,
        transactions: 2,
        heartbeats: 2,
        schemaChanges: 1,
        undecodable: 1,
        changes: 0,
        lastMessageAt: T,
      }),
    ]);
    expect(reg.server('pg')).toMatchObject({ heartbeats: 1, lastHeartbeatAt: T, transactions: 2 });
    expect(reg.server('replica_a')).toMatchObject({ heartbeats: 1, schemaChanges: 1, lastSchemaChangeAt: T });
  });

  it('routes tombstones and guessable undecodables to their table', () => {
    const reg = createStatsRegistry();
    reg.record(decodeMessage(pgFixtures.createBare), T);
    reg.record(decodeMessage(pgFixtures.tombstone), T);
    reg.record(decodeMessage(garbageFixtures.binary), T);
    expect(reg.size).toBe(1);
    expect(reg.summaries(T).tables[0]).toMatchObject({
      tableKey: 'pg.inventory.customers',
      tombstones: 1,
      undecodable: 1,
    });
    expect(reg.sources()[0]).toMatchObject({ messages: 3, undecodable: 1, bytes: expect.any(Number) });
  });

  it('tracks last heartbeat and last source commit per server', () => {
    const reg = createStatsRegistry();
    reg.record(decodeMessage(controlFixtures.heartbeat), T);
    reg.record(changeAt({ now: T + 5_000, e2eLagMs: 200 }), T + 5_000);
    reg.record(decodeMessage(controlFixtures.heartbeat), T + 9_000);
    expect(reg.server('pg')).toMatchObject({
      heartbeats: 2,
      lastHeartbeatAt: T + 9_000,
      lastEventAt: T + 5_000,
      lastSourceTsMs: T + 4_800,
    });
  });
});

describe('stats registry: eviction', () => {
  it('evicts the least recently updated table, not the oldest one', () => {
    const reg = createStatsRegistry({ maxTables: 3 });
    const evicted: [string, number][] = [];
    reg.onEvict((key, version) => evicted.push([key, version]));
    const rec = (table: string, now: number) => reg.record(changeAt({ topic: `pg.s.${table}`, now }), now);
    rec('a', T);
    rec('b', T + 1_000);
    rec('c', T + 2_000);
    rec('a', T + 3_000); // a is now the most recent
    rec('d', T + 4_000);
    expect(reg.tableKeys().sort()).toEqual(['pg.s.a', 'pg.s.c', 'pg.s.d']);
    expect(evicted.map(([k]) => k)).toEqual(['pg.s.b']);
    expect(reg.evictions).toBe(1);
    expect(reg.size).toBe(3);
  });

  it('stays at the cap with many tables', () => {
    const reg = createStatsRegistry({ maxTables: 50 });
    for (let i = 0; i < 1_000; i++) reg.record(changeAt({ topic: `pg.s.t${i}`, now: T + i * 1_000 }), T + i * 1_000);
    expect(reg.size).toBe(50);
    expect(reg.evictions).toBe(950);
    expect(reg.tableKeys()[0]).toBe('pg.s.t950');
  });
});

describe('stats registry: versions', () => {
  it('reports what changed since a version', () => {
    const reg = createStatsRegistry({ maxTables: 2 });
    reg.record(changeAt({ topic: 'pg.s.a', now: T }), T);
    reg.record(changeAt({ topic: 'pg.s.b', now: T }), T);
    const v1 = reg.version;
    expect(reg.summaries(T, v1).tables).toEqual([]);
    reg.record(changeAt({ topic: 'pg.s.b', now: T + 1 }), T + 1);
    const since = reg.summaries(T, v1);
    expect(since.tables.map((t) => t.tableKey)).toEqual(['pg.s.b']);
    expect(since.tables[0]?.version).toBe(reg.tableVersion('pg.s.b'));
    expect(since.version).toBe(reg.version);
    expect(reg.tableVersion('pg.s.a')).toBeLessThanOrEqual(v1);
    expect(reg.tableVersion('unknown')).toBe(0);

    reg.record(changeAt({ topic: 'pg.s.c', now: T + 2_000 }), T + 2_000); // evicts a
    expect(reg.changedSince(v1)).toEqual({
      version: reg.version,
      changed: ['pg.s.b', 'pg.s.c'],
      removed: ['pg.s.a'],
      complete: true,
    });
    expect(reg.removedSince(v1)).toEqual(['pg.s.a']);
    expect(reg.removedSince(reg.version)).toEqual([]);
  });

  it('does not report a re-created table as removed', () => {
    const reg = createStatsRegistry({ maxTables: 1 });
    reg.record(changeAt({ topic: 'pg.s.a', now: T }), T);
    reg.record(changeAt({ topic: 'pg.s.b', now: T }), T);
    reg.record(changeAt({ topic: 'pg.s.a', now: T }), T);
    expect(reg.changedSince(0)).toMatchObject({ changed: ['pg.s.a'], removed: ['pg.s.b'] });
  });

  it('says when it forgot evictions a caller has not seen', () => {
    const reg = createStatsRegistry({ maxTables: 1 });
    for (let i = 0; i < 1_100; i++) reg.record(changeAt({ topic: `pg.s.t${i}`, now: T }), T);
    expect(reg.changedSince(0).complete).toBe(false);
    expect(reg.changedSince(reg.version - 10).complete).toBe(true);
    expect(reg.removedSince(0).length).toBeLessThanOrEqual(1_024);
  });

  it('unsubscribes eviction listeners', () => {
    const reg = createStatsRegistry({ maxTables: 1 });
    let calls = 0;
    const off = reg.onEvict(() => calls++);
    reg.record(changeAt({ topic: 'pg.s.a', now: T }), T);
    reg.record(changeAt({ topic: 'pg.s.b', now: T }), T);
    off();
    reg.record(changeAt({ topic: 'pg.s.c', now: T }), T);
    expect(calls).toBe(1);
  });
});

describe('stats registry: JetStream subjects', () => {
  it('treats subjects like topics', () => {
    const reg = createStatsRegistry();
    reg.record(decodeMessage(rawFrom({ topic: 'pg.inventory.customers', broker: 'jetstream', value: null })), T);
    reg.record(changeAt({ broker: 'jetstream', now: T }), T);
    expect(reg.tableKeys()).toEqual(['pg.inventory.customers']);
    expect(reg.summaries(T).tables[0]).toMatchObject({
      sourceIds: ['jetstream-test'],
      tombstones: 1,
      totals: { c: 1 },
    });
  });
});
