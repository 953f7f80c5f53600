import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { mariadbFixtures, pgFixtures } from '../debezium/fixtures';
import type { ChangeRecord } from '../contracts/change-event';
import { fingerprintChange } from './content-hash';
import { createEventIdentity, describeIdentity } from './event-identity';
import { mariaChange, pgChange } from './fixtures/replica-changes';

const fp = (r: ChangeRecord) => fingerprintChange(r.table, r.op, r.key ?? null, r.before, r.after);
const idOf = (r: ChangeRecord, identify = createEventIdentity()) => identify(r, fp(r));

function change(raw: Parameters<typeof decodeMessage>[0]): ChangeRecord {
  const r = decodeMessage(raw);
  if (r.kind !== 'change') throw new Error(r.kind);
  return r;
}

describe('event identity', () => {
  it('gives both copies of a MariaDB change the same id despite different binlog coordinates and server prefixes', () => {
    const a = change(mariadbFixtures.updateA);
    const b = change(mariadbFixtures.updateBWrapped);
    expect(a.source.position).not.toEqual(b.source.position);
    const ia = idOf(a);
    expect(ia).toEqual(idOf(b));
    expect(ia.basis).toBe('gtid');
    expect(ia.ordinal).toBe(true);
    // Table without the server prefix; key canonical (sorted fields) at the end.
    expect(ia.id).toBe('g|0-1-4711|inventory.orders|{"line":2,"order_id":7}');
    expect(ia.id.endsWith(ia.key)).toBe(true);
    expect(ia.id).not.toContain('replica_');
  });

  it('tells apart changes of different GTIDs, tables and keys', () => {
    const base = idOf(mariaChange()).id;
    expect(idOf(mariaChange({ gtid: '0-1-4712' })).id).not.toBe(base);
    expect(idOf(mariaChange({ table: 'inventory.lines' })).id).not.toBe(base);
    expect(idOf(mariaChange({ key: { order_id: 8, line: 2 } })).id).not.toBe(base);
  });

  it('uses source.row with place "row" and data_collection_order with place "transaction"', () => {
    const row = createEventIdentity({ kind: 'gtid', place: 'row' });
    expect(idOf(mariaChange({ row: 3 }), row).id).toContain('|r3|');
    const tx = createEventIdentity({ kind: 'auto', place: 'transaction' });
    const withTx = idOf(mariaChange({ transaction: { id: '0-1-4711', total_order: 5, data_collection_order: 2 } }), tx);
    expect(withTx.id).toContain('|o2|');
    expect(withTx.ordinal).toBe(false);
    // Without metadata on a record, the place falls back to occurrences.
    const without = idOf(mariaChange(), tx);
    expect(without.ordinal).toBe(true);
    expect(without.id).not.toContain('|o');
  });

  it('falls back to the content hash without a GTID (snapshot reads, GTID mode off)', () => {
    const snap = change(mariadbFixtures.snapshot);
    const i = idOf(snap);
    expect(i.basis).toBe('content');
    expect(i.id.startsWith('c|inventory.orders|')).toBe(true);
    const mysql = idOf(change(mariadbFixtures.mysqlUpdate));
    expect(mysql.basis).toBe('content');
    expect(idOf(change(mariadbFixtures.snapshot)).id).toBe(i.id);
  });

  it('identifies PostgreSQL changes by LSN + txId + table + key', () => {
    const i = idOf(change(pgFixtures.updateFull));
    expect(i.basis).toBe('lsn');
    expect(i.id).toBe('l|24023200|556|inventory.customers|{"id":1001}');
    expect(idOf(pgChange({ server: 'pg2', lsn: 24023200, txId: 556, op: 'u' })).id).toBe(i.id);
    expect(idOf(pgChange({ lsn: 24023201, txId: 556, op: 'u' })).id).not.toBe(i.id);
  });

  it('uses an outbox id column, a header, or field paths when configured', () => {
    const outbox = createEventIdentity({ kind: 'outbox' });
    const r = mariaChange({ op: 'c', after: { id: 'evt-42', payload: '{}' }, key: { id: 'evt-42' } });
    expect(idOf(r, outbox)).toMatchObject({ id: 'o|evt-42|{"id":"evt-42"}', basis: 'outbox', ordinal: false });
    expect(idOf(mariaChange({ op: 'c', after: { payload: 1 } }), outbox).basis).toBe('content');

    const header = createEventIdentity({ kind: 'header', name: 'event-id' });
    expect(idOf(mariaChange({ headers: { 'event-id': 'h1' } }), header).id.startsWith('h|h1|')).toBe(true);
    expect(idOf(mariaChange(), header).basis).toBe('content');

    const fields = createEventIdentity({
      kind: 'fields',
      paths: ['after.order_id', 'source.gtid', 'source.server_id'],
    });
    const fa = idOf(mariaChange({ side: 'a' }), fields);
    expect(fa.basis).toBe('fields');
    expect(fa.id.startsWith('f|7|0-1-4711|201|')).toBe(true);
    // server_id differs between replicas: a poor choice of field, and the id shows it.
    expect(idOf(mariaChange({ side: 'b' }), fields).id).not.toBe(fa.id);
    const tx = createEventIdentity({
      kind: 'fields',
      paths: ['transaction.data_collection_order', 'headers.x.y', 'op', 'table'],
    });
    const withTx = mariaChange({
      transaction: { id: 't', total_order: 1, data_collection_order: 9 },
      headers: { 'x.y': 'z' },
    });
    expect(idOf(withTx, tx).id.startsWith('f|9|z|u|inventory.orders|')).toBe(true);
  });

  it('rejects field paths no record could have', () => {
    expect(() => createEventIdentity({ kind: 'fields', paths: ['payload.id'] })).toThrow(/must start with/);
    expect(() => createEventIdentity({ kind: 'fields', paths: ['source'] })).toThrow(/source field/);
  });

  it('describes each rule in one line', () => {
    expect(describeIdentity()).toMatch(/^auto: GTID/);
    expect(describeIdentity({ kind: 'outbox', column: 'event_id' })).toContain('event_id');
    expect(describeIdentity({ kind: 'gtid', place: 'transaction' })).toContain('transaction order');
  });
});
