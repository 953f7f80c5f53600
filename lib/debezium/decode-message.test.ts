import { describe, expect, it } from 'vitest';
import type {
  ChangeRecord,
  DecodedRecord,
  HeartbeatRecord,
  SchemaChangeRecord,
  TombstoneRecord,
  TransactionBoundaryRecord,
} from '../contracts/change-event';
import { decodeMessage } from './decode-message';
import { tableKeyOf } from './table-identity';
import { createStatsRegistry } from '../analytics/stats-registry';
import {
  FIXTURE_NOW,
  PG_COMMIT_MS,
  PG_TOPIC,
  anne,
  anneMarie,
  controlFixtures,
  mariadbFixtures,
  order,
  orderShipped,
  pgFixtures,
  pgSource,
  rawFrom,
  withSchema,
} from './fixtures';

function change(r: DecodedRecord): ChangeRecord {
  if (r.kind !== 'change')
    throw new Error(`expected a change, got ${r.kind}: ${r.kind === 'undecodable' ? r.reason : ''}`);
  return r;
}

describe('decodeMessage: PostgreSQL', () => {
  it('decodes a bare create with key, rows, timestamps and source position', () => {
    const r = change(decodeMessage(pgFixtures.createBare));
    expect(r).toMatchObject({
      op: 'c',
      table: 'inventory.customers',
      key: { id: 1001 },
      keySource: 'message',
      before: null,
      after: anne,
    });
    expect(r.tsMs).toBe(PG_COMMIT_MS + 35);
    expect(r.source).toMatchObject({
      connector: 'postgresql',
      name: 'pg',
      tsMs: PG_COMMIT_MS,
      db: 'shop',
      schema: 'inventory',
      table: 'customers',
      snapshot: 'false',
    });
    expect(r.source.position).toEqual({
      kind: 'postgresql',
      lsn: 24023128,
      txId: 555,
      xmin: undefined,
      sequence: '["24023119","24023128"]',
    });
    expect(r.transaction).toBeUndefined();
    expect(tableKeyOf(r)).toBe('pg.inventory.customers');
  });

  it('decodes the schema-wrapped form (key and value) to the same record', () => {
    const bare = change(decodeMessage(pgFixtures.createBare));
    const wrapped = change(decodeMessage(pgFixtures.createWrapped));
    const strip = ({ origin: _o, sizeBytes: _s, connectSchema: _c, ...rest }: ChangeRecord) => rest;
    expect(strip(wrapped)).toEqual(strip(bare));
    // The schema comes along as text, for schema drift: exactly what the converter wrote.
    expect(JSON.parse(wrapped.connectSchema ?? 'null')).toMatchObject({ name: 'pg.inventory.customers.Envelope' });
    expect(bare.connectSchema).toBeUndefined();
    expect(wrapped.sizeBytes).toBeGreaterThan(bare.sizeBytes);
  });

  it('handles every op', () => {
    expect(change(decodeMessage(pgFixtures.updateFull))).toMatchObject({ op: 'u', before: anne, after: anneMarie });
    expect(change(decodeMessage(pgFixtures.updateDefault))).toMatchObject({ op: 'u', before: null, after: anneMarie });
    expect(change(decodeMessage(pgFixtures.deleteWrapped))).toMatchObject({
      op: 'd',
      after: null,
      before: { id: 1001 },
    });
    expect(change(decodeMessage(pgFixtures.snapshotRead))).toMatchObject({ op: 'r', source: { snapshot: 'first' } });
    expect(change(decodeMessage(pgFixtures.truncate))).toMatchObject({
      op: 't',
      before: null,
      after: null,
      key: undefined,
      keySource: 'none',
    });
  });

  it('normalises the boolean snapshot flag of old versions', () => {
    expect(change(decodeMessage(pgFixtures.oldBooleanSnapshot)).source.snapshot).toBe('true');
    const f = (snapshot: unknown) =>
      change(
        decodeMessage(rawFrom({ topic: PG_TOPIC, value: { op: 'c', after: anne, source: pgSource({ snapshot }) } })),
      ).source.snapshot;
    expect(f(false)).toBe('false');
    expect(f(undefined)).toBe('false');
    expect(f('incremental')).toBe('incremental');
    expect(f('last_in_data_collection')).toBe('last_in_data_collection');
    expect(f('some_future_value')).toBe('true');
  });

  it('reads the transaction block', () => {
    expect(change(decodeMessage(pgFixtures.withTransaction)).transaction).toEqual({
      id: '571:53195829',
      totalOrder: 1,
      dataCollectionOrder: 1,
    });
  });

  it('decodes a logical message (op m) with the table taken from the topic', () => {
    const r = change(decodeMessage(pgFixtures.logicalMessage));
    expect(r).toMatchObject({
      op: 'm',
      table: 'message',
      message: { prefix: 'audit', content: 'aGVsbG8=' },
      before: null,
      after: null,
    });
    expect(tableKeyOf(r)).toBe('pg.message');
  });

  it('falls back to ts_us and ts_ns when ts_ms is absent', () => {
    const base = { op: 'c', after: anne, source: pgSource() };
    const us = change(decodeMessage(rawFrom({ topic: PG_TOPIC, value: { ...base, ts_us: 1_700_000_000_123_456 } })));
    const ns = change(
      decodeMessage(rawFrom({ topic: PG_TOPIC, value: { ...base, ts_ns: 1_700_000_000_123_456_800 } })),
    );
    expect(us.tsMs).toBe(1_700_000_000_123);
    expect(ns.tsMs).toBe(1_700_000_000_123);
    const src = change(
      decodeMessage(
        rawFrom({
          topic: PG_TOPIC,
          value: { op: 'c', after: anne, source: { connector: 'postgresql', ts_us: 1_700_000_000_500_000 } },
        }),
      ),
    );
    expect(src.source.tsMs).toBe(1_700_000_000_500);
  });
});

describe('decodeMessage: MySQL and MariaDB', () => {
  it('decodes a MariaDB update with GTID and binlog coordinates', () => {
    const r = change(decodeMessage(mariadbFixtures.updateA));
    expect(r).toMatchObject({
      op: 'u',
      table: 'inventory.orders',
      before: order,
      after: orderShipped,
      key: { order_id: 7, line: 2 },
    });
    expect(r.source.position).toEqual({
      kind: 'mysql',
      flavor: 'mariadb',
      gtid: '0-1-4711',
      file: 'mysql-bin.000003',
      pos: 4331,
      row: 0,
      serverId: 201,
      thread: 17,
      query: undefined,
    });
    expect(tableKeyOf(r)).toBe('replica_a.inventory.orders');
  });

  it('keeps the two replicas apart but with the same GTID', () => {
    const a = change(decodeMessage(mariadbFixtures.updateA));
    const b = change(decodeMessage(mariadbFixtures.updateBWrapped));
    expect(tableKeyOf(b)).toBe('replica_b.inventory.orders');
    expect(a.table).toBe(b.table);
    expect(b.source.position).toMatchObject({ gtid: '0-1-4711', file: 'mysql-bin.000007', pos: 982, serverId: 202 });
  });

  it('decodes MySQL with file/pos only and the query', () => {
    const r = change(decodeMessage(mariadbFixtures.mysqlUpdate));
    expect(r.source.position).toMatchObject({
      kind: 'mysql',
      flavor: 'mysql',
      gtid: undefined,
      file: 'mysql-bin.000003',
      pos: 484,
      query: expect.stringContaining('UPDATE customers'),
    });
    expect(r.transaction?.id).toBe('file=mysql-bin.000003,pos=484');
  });

  it('treats null gtid/thread in snapshots as absent', () => {
    const r = change(decodeMessage(mariadbFixtures.snapshot));
    expect(r.source.snapshot).toBe('last');
    expect(r.source.position).toMatchObject({ gtid: undefined, thread: undefined });
  });
});

describe('decodeMessage: other connectors', () => {
  it('names SQL Server tables db.schema.table', () => {
    const r = change(decodeMessage(controlFixtures.sqlServer));
    expect(r.table).toBe('testDB.dbo.customers');
    expect(r.source.position).toEqual({ kind: 'other', connector: 'sqlserver' });
    expect(tableKeyOf(r)).toBe('mssql.testDB.dbo.customers');
  });

  it('parses MongoDB extended-JSON rows and names the table db.collection', () => {
    const r = change(decodeMessage(controlFixtures.mongo));
    expect(r.table).toBe('shop.products');
    expect(r.after).toEqual({ _id: { $oid: '6553f1a2c0ffee0000000001' }, name: 'widget' });
  });

  it('tolerates a missing source block, taking table and server from the topic', () => {
    const r = change(decodeMessage(rawFrom({ topic: 'legacy.db1.items', value: { op: 'c', after: { id: 1 } } })));
    expect(r.source).toMatchObject({ connector: 'unknown', snapshot: 'false' });
    expect(r.table).toBe('db1.items');
    expect(tableKeyOf(r)).toBe('legacy.db1.items');
  });

  it('uses the channel prefix when source.name is missing, even with dots in the prefix', () => {
    const value = { op: 'c', after: anne, source: pgSource({ name: undefined }) };
    const r = change(decodeMessage(rawFrom({ topic: 'prod.eu.inventory.customers', value })));
    expect(tableKeyOf(r)).toBe('prod.eu.inventory.customers');
  });
});

describe('decodeMessage: tombstones and control records', () => {
  it('turns a null value into a tombstone with key and table from the topic', () => {
    const r = decodeMessage(pgFixtures.tombstone) as TombstoneRecord;
    expect(r).toMatchObject({ kind: 'tombstone', table: 'inventory.customers', key: { id: 1001 } });
    expect(tableKeyOf(r)).toBe('pg.inventory.customers');
    expect(tableKeyOf(decodeMessage(mariadbFixtures.tombstone))).toBe('replica_a.inventory.orders');
  });

  it('treats a JSON null (and a wrapped null payload) as a tombstone', () => {
    expect(decodeMessage(rawFrom({ topic: PG_TOPIC, valueBytes: 'null' })).kind).toBe('tombstone');
    expect(decodeMessage(rawFrom({ topic: PG_TOPIC, value: { schema: null, payload: null } })).kind).toBe('tombstone');
  });

  it('counts a 0-byte value as undecodable ("empty value"), never as the tombstone a null value is', () => {
    const key = { id: 1001 };
    for (const broker of ['kafka', 'jetstream'] as const) {
      const empty = decodeMessage(rawFrom({ topic: PG_TOPIC, broker, key, valueBytes: new Uint8Array(0) }));
      expect(empty).toMatchObject({ kind: 'undecodable', reason: 'empty value', table: 'inventory.customers' });
      expect(decodeMessage(rawFrom({ topic: PG_TOPIC, broker, key, value: null })).kind).toBe('tombstone');
    }
    // Also on an outbox topic, where any other value is the application's payload.
    const outbox = { outboxTopics: ['outbox.event.*'] };
    const routed = rawFrom({ topic: 'outbox.event.order', keyBytes: '"o-1"', valueBytes: new Uint8Array(0) });
    expect(decodeMessage(routed, outbox)).toMatchObject({ kind: 'undecodable', reason: 'empty value' });
    const stats = createStatsRegistry();
    stats.record(decodeMessage(rawFrom({ topic: PG_TOPIC, key, valueBytes: new Uint8Array(0) })), FIXTURE_NOW);
    stats.record(decodeMessage(rawFrom({ topic: PG_TOPIC, key, value: null })), FIXTURE_NOW);
    expect(stats.sources()).toEqual([expect.objectContaining({ messages: 2, undecodable: 1, tombstones: 1 })]);
  });

  it('decodes transaction BEGIN and END', () => {
    const begin = decodeMessage(controlFixtures.txBegin) as TransactionBoundaryRecord;
    expect(begin).toMatchObject({
      kind: 'transaction',
      status: 'BEGIN',
      id: '571:53195829',
      eventCount: undefined,
      tsMs: FIXTURE_NOW - 500,
    });
    expect(begin.dataCollections).toBeUndefined();
    const end = decodeMessage(controlFixtures.txEndWrapped) as TransactionBoundaryRecord;
    expect(end).toMatchObject({ kind: 'transaction', status: 'END', eventCount: 2 });
    expect(end.dataCollections).toEqual([
      { dataCollection: 'inventory.customers', eventCount: 1 },
      { dataCollection: 'inventory.orders', eventCount: 1 },
    ]);
    expect(tableKeyOf(end)).toBeUndefined();
  });

  it('decodes heartbeats, bare, wrapped and keyless', () => {
    expect(decodeMessage(controlFixtures.heartbeat)).toMatchObject({
      kind: 'heartbeat',
      serverName: 'pg',
      tsMs: FIXTURE_NOW - 50,
    });
    expect(decodeMessage(controlFixtures.heartbeatWrapped)).toMatchObject({
      kind: 'heartbeat',
      serverName: 'replica_a',
      tsMs: FIXTURE_NOW - 60,
    });
    expect(decodeMessage(controlFixtures.heartbeatJetstream)).toMatchObject({ kind: 'heartbeat', serverName: 'pg' });
  });

  it('recognises heartbeats on a custom heartbeat topic prefix', () => {
    const raw = rawFrom({ topic: 'hb.pg', value: { ts_ms: 5 } });
    expect((decodeMessage(raw, { heartbeatTopicPrefix: 'hb' }) as HeartbeatRecord).serverName).toBe('pg');
  });

  it('decodes MariaDB schema changes with tables and primary keys', () => {
    for (const raw of [controlFixtures.schemaChange, controlFixtures.schemaChangeWrapped]) {
      const r = decodeMessage(raw) as SchemaChangeRecord;
      expect(r).toMatchObject({
        kind: 'schema-change',
        serverName: 'replica_a',
        databaseName: 'inventory',
        ddl: 'ALTER TABLE orders ADD COLUMN note VARCHAR(200)',
        tables: ['inventory.orders'],
        primaryKeys: { 'inventory.orders': ['order_id', 'line'] },
        tsMs: FIXTURE_NOW - 1_000,
      });
    }
  });
});

describe('decodeMessage: keys', () => {
  it('has no key on JetStream unless primary keys are configured', () => {
    expect(change(decodeMessage(mariadbFixtures.jetstreamBare))).toMatchObject({ key: undefined, keySource: 'none' });
    const byTable = change(
      decodeMessage(mariadbFixtures.jetstreamBare, { primaryKeys: { 'inventory.orders': ['order_id', 'line'] } }),
    );
    expect(byTable).toMatchObject({ key: { order_id: 7, line: 2 }, keySource: 'derived' });
  });

  it('prefers the per-server table key over the plain table', () => {
    const pk = { 'inventory.customers': ['email'], 'pg.inventory.customers': ['id'] };
    expect(change(decodeMessage(pgFixtures.jetstreamWrapped, { primaryKeys: pk })).key).toEqual({ id: 1001 });
  });

  it('derives delete keys from before, and gives up when a key column is missing', () => {
    const del = rawFrom({
      topic: 'replica_a.inventory.orders',
      broker: 'jetstream',
      value: {
        op: 'd',
        before: order,
        after: null,
        source: { connector: 'mariadb', name: 'replica_a', db: 'inventory', table: 'orders' },
      },
    });
    expect(change(decodeMessage(del, { primaryKeys: { 'inventory.orders': ['order_id', 'line'] } })).key).toEqual({
      order_id: 7,
      line: 2,
    });
    expect(change(decodeMessage(del, { primaryKeys: { 'inventory.orders': ['order_id', 'nope'] } })).keySource).toBe(
      'none',
    );
  });

  it('prefers a message key over a derived one', () => {
    expect(
      change(decodeMessage(mariadbFixtures.updateA, { primaryKeys: { 'inventory.orders': ['sku'] } })),
    ).toMatchObject({ key: { order_id: 7, line: 2 }, keySource: 'message' });
  });

  it('drops an undecodable key without failing the record, and wraps primitive keys', () => {
    const bad = change(
      decodeMessage(
        rawFrom({ topic: PG_TOPIC, keyBytes: '{oops', value: { op: 'c', after: anne, source: pgSource() } }),
      ),
    );
    expect(bad).toMatchObject({ key: undefined, keySource: 'none' });
    const prim = change(
      decodeMessage(rawFrom({ topic: PG_TOPIC, key: 'k-1', value: { op: 'c', after: anne, source: pgSource() } })),
    );
    expect(prim.key).toEqual({ key: 'k-1' });
  });

  it('ignores a key bigger than the size limit, or nested too deep', () => {
    const value = { op: 'c', after: anne, source: pgSource() };
    const big = change(
      decodeMessage(rawFrom({ topic: PG_TOPIC, key: { id: 'k'.repeat(2_000) }, value }), { maxValueBytes: 1_000 }),
    );
    expect(big.keySource).toBe('none');
    const deep = change(
      decodeMessage(rawFrom({ topic: PG_TOPIC, keyBytes: `{"id":${'['.repeat(1_000)}${']'.repeat(1_000)}}`, value })),
    );
    expect(deep.key).toBeUndefined();
  });

  it('does not mistake a row with schema and payload columns for a wrapper', () => {
    const row = { id: 1, schema: 'public', payload: 'x', other: 2 };
    const r = change(
      decodeMessage(rawFrom({ topic: PG_TOPIC, key: row, value: { op: 'c', after: row, source: pgSource() } })),
    );
    expect(r.key).toEqual(row);
    const onlyTwo = { schema: 'public', payload: 'x' };
    expect(
      change(
        decodeMessage(
          rawFrom({ topic: PG_TOPIC, key: onlyTwo, value: withSchema({ op: 'c', after: anne, source: pgSource() }) }),
        ),
      ).key,
    ).toEqual(onlyTwo);
  });
});

describe('decodeMessage: common fields', () => {
  it('passes headers through and counts key + value bytes', () => {
    const headers = { '__debezium.oldkey': '{"id":1000}' };
    const raw = rawFrom({
      topic: PG_TOPIC,
      key: { id: 1001 },
      value: { op: 'c', after: anne, source: pgSource() },
      headers,
    });
    const r = decodeMessage(raw);
    expect(r.headers).toBe(headers);
    expect(r.sizeBytes).toBe((raw.key?.length ?? 0) + (raw.value?.length ?? 0));
    expect(r).toMatchObject({ sourceId: 'kafka-test', receivedAt: FIXTURE_NOW, origin: raw.origin });
  });
});
