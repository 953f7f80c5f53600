import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import {
  controlFixtures,
  garbageFixtures,
  mariadbFixtures,
  pgFixtures,
  PG_COMMIT_MS,
  FIXTURE_NOW,
  rawFrom,
  pgSource,
} from '../debezium/fixtures';
import { formatLsn, renderKey } from './render';
import { toListItem } from './to-list-item';

const item = (raw: Parameters<typeof decodeMessage>[0]) => toListItem(decodeMessage(raw));

describe('toListItem', () => {
  it('renders a PostgreSQL update', () => {
    const raw = rawFrom({
      topic: 'pg.inventory.customers',
      key: { id: 1001 },
      value: JSON.parse(new TextDecoder().decode(pgFixtures.updateFull.value ?? new Uint8Array())),
      offset: 42,
      partition: 3,
    });
    expect(item(raw)).toEqual({
      id: 'kafka-test:pg.inventory.customers:p3@42',
      sourceId: 'kafka-test',
      channel: 'pg.inventory.customers',
      position: 'p3@42',
      receivedAt: FIXTURE_NOW,
      kind: 'change',
      sizeBytes: raw.value!.length + raw.key!.length,
      table: 'inventory.customers',
      tableKey: 'pg.inventory.customers',
      op: 'u',
      key: 'id=1001',
      changedFields: ['first_name'],
      logPosition: '0/16E90A0',
      txId: '556',
      serverName: 'pg',
      // The fixture's source.ts_us has 123 µs beyond its ts_ms: the finer time is used.
      lagMs: FIXTURE_NOW - PG_COMMIT_MS - 0.123,
    });
  });

  it('uses GTID, or binlog file:pos, as the MySQL/MariaDB log position', () => {
    expect(item(mariadbFixtures.updateA)).toMatchObject({
      key: 'order_id=7,line=2',
      logPosition: '0-1-4711',
      txId: '0-1-4711',
      changedFields: ['quantity', 'meta'],
    });
    expect(item(mariadbFixtures.mysqlUpdate)).toMatchObject({
      logPosition: 'mysql-bin.000003:484',
      txId: 'file=mysql-bin.000003,pos=484',
    });
  });

  it('leaves changed fields out when they cannot be known', () => {
    expect(item(pgFixtures.updateDefault).changedFields).toBeUndefined();
    expect(item(pgFixtures.createBare).changedFields).toBeUndefined();
  });

  it('has JetStream ids from the stream sequence and no key unless derived', () => {
    const raw = rawFrom({
      topic: 'pg.inventory.customers',
      broker: 'jetstream',
      offset: 88,
      value: { op: 'c', after: { id: 5 }, source: pgSource() },
    });
    const plain = item(raw);
    expect(plain.id).toBe('jetstream-test:pg.inventory.customers:#88');
    expect(plain.key).toBeUndefined();
    expect(toListItem(decodeMessage(raw, { primaryKeys: { 'inventory.customers': ['id'] } })).key).toBe('id=5');
  });

  it('describes tombstones, undecodables and control records', () => {
    expect(item(pgFixtures.tombstone)).toMatchObject({
      kind: 'tombstone',
      table: 'inventory.customers',
      tableKey: 'pg.inventory.customers',
      key: 'id=1001',
    });
    expect(item(garbageFixtures.notJson)).toMatchObject({
      kind: 'undecodable',
      tableKey: 'pg.inventory.customers',
      reason: expect.stringMatching(/^not JSON/),
    });
    expect(item(garbageFixtures.onHeartbeatTopic).tableKey).toBeUndefined();
    expect(item(controlFixtures.txBegin)).toMatchObject({
      kind: 'transaction',
      txId: '571:53195829',
      summary: 'BEGIN tx 571:53195829',
    });
    expect(item(controlFixtures.txEndWrapped).summary).toBe('END tx 571:53195829 (2 events)');
    expect(item(controlFixtures.heartbeat)).toMatchObject({ kind: 'heartbeat', summary: 'heartbeat from pg' });
    expect(item(controlFixtures.schemaChange)).toMatchObject({
      kind: 'schema-change',
      summary: 'ALTER TABLE orders ADD COLUMN note VARCHAR(200)',
    });
    expect(item(pgFixtures.logicalMessage)).toMatchObject({ op: 'm', table: 'message', summary: 'message "audit"' });
  });
});

describe('renderKey', () => {
  it('renders keys as a WHERE clause would', () => {
    expect(renderKey({ id: 42 })).toBe('id=42');
    expect(renderKey({ order_id: 7, line: 2 })).toBe('order_id=7,line=2');
    expect(renderKey({ email: 'a@b.c', deleted: null, flag: true })).toBe('email=a@b.c,deleted=null,flag=true');
    expect(renderKey({ doc: { a: [1] } })).toBe('doc={"a":[1]}');
    expect(renderKey(undefined)).toBeUndefined();
  });

  it('caps long keys', () => {
    const key = renderKey({ a: 'x'.repeat(1_000), b: 1 });
    expect(key?.length).toBe(200);
    expect(key?.endsWith('…')).toBe(true);
  });
});

describe('formatLsn', () => {
  it('prints LSNs as PostgreSQL does', () => {
    expect(formatLsn(0)).toBe('0/0');
    expect(formatLsn(24023128)).toBe('0/16E9058');
    expect(formatLsn(0x16_b374d848)).toBe('16/B374D848');
  });
});
