import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { txBegin, txEnd } from '../debezium/fixtures/control';
import { FIXTURE_NOW, rawFrom } from '../debezium/fixtures/raw-from';
import { mariaChange, pgChange } from '../replicas/fixtures/replica-changes';
import { createTransactionTable, eventIdOf } from './transaction-table';
import { topTransactions } from './top-transactions';

const T0 = FIXTURE_NOW;
const boundary = (value: object, receivedAt = T0) =>
  decodeMessage(rawFrom({ topic: 'pg.transaction', value, receivedAt }));
/** A change in transaction 571:53195829 on server `pg` (metadata block set). */
function pgTxChange(table: string, totalOrder: number, now = T0) {
  const [schema = 'inventory', name = 'customers'] = table.split('.');
  const value = {
    before: null,
    after: { id: totalOrder },
    op: 'c',
    ts_ms: now,
    source: {
      connector: 'postgresql',
      name: 'pg',
      db: 'db',
      schema,
      table: name,
      txId: 571,
      lsn: 53195829 + totalOrder,
    },
    transaction: { id: txEnd.id, total_order: totalOrder, data_collection_order: 1 },
  };
  return decodeMessage(rawFrom({ topic: `pg.${table}`, key: { id: totalOrder }, value, receivedAt: now }));
}

describe('transaction table with metadata', () => {
  it('assembles BEGIN, events and END into a complete transaction, events in total_order', () => {
    const t = createTransactionTable();
    t.offer(boundary(txBegin), T0);
    const second = pgTxChange('inventory.orders', 2);
    const first = pgTxChange('inventory.customers', 1);
    t.offer(second, T0);
    t.offer(first, T0);
    t.offer(boundary(txEnd, T0 + 5), T0 + 5);
    t.tick(T0 + 60_000);
    const got = t.get(`pg|${txEnd.id}`, T0);
    expect(got?.summary).toMatchObject({
      connector: 'pg',
      basis: 'metadata',
      state: 'complete',
      events: 2,
      expectedEvents: 2,
      shortTables: [],
      durationMs: 100,
      sawBegin: true,
      sawEnd: true,
    });
    expect(got?.eventIds).toEqual([eventIdOf(first), eventIdOf(second)]);
    expect(t.connectors()).toEqual([{ connector: 'pg', incomplete: 0, metadata: true }]);
  });

  it('flags a short transaction incomplete only after the grace period, naming the short table', () => {
    const t = createTransactionTable({ graceMs: 10_000 });
    t.offer(pgTxChange('inventory.customers', 1), T0);
    t.offer(boundary(txEnd), T0);
    t.tick(T0 + 5_000);
    expect(t.list(T0)[0]?.state).toBe('open');
    t.tick(T0 + 10_000);
    const [s] = t.list(T0);
    expect(s?.state).toBe('incomplete');
    expect(s?.shortTables).toEqual(['inventory.orders']);
    expect(s?.tables).toEqual([
      { table: 'inventory.customers', seen: 1, expected: 1 },
      { table: 'inventory.orders', seen: 0, expected: 1 },
    ]);
    expect(t.connectors()[0]?.incomplete).toBe(1);
    // The missing event arrives late: complete after all, and the count is taken back.
    t.offer(pgTxChange('inventory.orders', 2, T0 + 11_000), T0 + 11_000);
    expect(t.list(T0)[0]?.state).toBe('complete');
    expect(t.connectors()[0]?.incomplete).toBe(0);
  });
});

describe('transaction table without metadata', () => {
  it('groups PostgreSQL changes by txId and MariaDB changes by GTID, unverified', () => {
    const t = createTransactionTable();
    t.offer(pgChange({ txId: 900, id: 1 }), T0);
    t.offer(pgChange({ txId: 900, id: 2, table: 'inventory.orders' }), T0);
    t.offer(mariaChange({ gtid: '0-1-77' }), T0);
    t.offer(mariaChange({ gtid: null }), T0); // no GTID: not tracked
    t.offer(pgChange({ txId: 901, op: 'r' }), T0); // snapshot read: not a transaction
    const list = t.list(T0);
    expect(list.map((s) => [s.key, s.basis, s.state, s.events])).toEqual(
      expect.arrayContaining([
        ['pg|900', 'txid', 'unverified', 2],
        ['replica_a|0-1-77', 'gtid', 'unverified', 1],
      ]),
    );
    expect(list).toHaveLength(2);
  });
});

describe('one-event transactions kept lean (fields, not per-transaction Maps and arrays)', () => {
  it('lists equal last-activity times in first-seen order across connectors, and finds each by key', () => {
    const t = createTransactionTable();
    t.offer(pgChange({ txId: 1, now: T0 }), T0);
    t.offer(mariaChange({ gtid: '0-1-5', now: T0 }), T0);
    t.offer(pgChange({ txId: 2, now: T0 }), T0);
    t.offer(mariaChange({ side: 'b', gtid: '0-1-5', now: T0 }), T0);
    expect(t.list(T0).map((s) => s.key)).toEqual(['pg|1', 'replica_a|0-1-5', 'pg|2', 'replica_b|0-1-5']);
    expect(t.get('replica_b|0-1-5', T0)?.summary.connector).toBe('replica_b');
    expect(t.get('replica_|0-1-5', T0)).toBeUndefined();
    expect(t.size).toBe(4);
  });

  it('counts a transaction’s tables from its first and later ones, and keeps the id it was given', () => {
    const t = createTransactionTable();
    const first = pgChange({ txId: 3, id: 1 });
    t.offer(first, T0, 'given-id');
    t.offer(pgChange({ txId: 3, id: 2, table: 'inventory.orders' }), T0);
    t.offer(pgChange({ txId: 3, id: 3 }), T0);
    t.offer(pgChange({ txId: 3, id: 4, table: 'inventory.orders' }), T0);
    t.offer(pgChange({ txId: 3, id: 5, table: 'inventory.products' }), T0);
    const got = t.get('pg|3', T0);
    expect(got?.summary.tables).toEqual([
      { table: 'inventory.customers', seen: 2 },
      { table: 'inventory.orders', seen: 2 },
      { table: 'inventory.products', seen: 1 },
    ]);
    expect(got?.eventIds[0]).toBe('given-id');
    expect(got?.eventIds).toHaveLength(5);
    expect(eventIdOf(first)).not.toBe('given-id');
  });
});

describe('bounds', () => {
  it('keeps at most maxSingleEvent one-event transactions, dropping the first seen; drops idle ones after maxAgeMs', () => {
    const t = createTransactionTable({ maxSingleEvent: 3, maxAgeMs: 1_000 });
    for (let i = 1; i <= 5; i++) t.offer(pgChange({ txId: i, now: T0 + i }), T0 + i);
    expect(t.list(T0).map((s) => s.id)).toEqual(['5', '4', '3']);
    t.tick(T0 + 1_004);
    expect(t.list(T0).map((s) => s.id)).toEqual(['5', '4']);
    t.tick(T0 + 10_000);
    expect(t.size).toBe(0);
  });

  it('evicts in first-seen order over many evictions, never a transaction re-created after its age eviction', () => {
    const t = createTransactionTable({ maxSingleEvent: 3, maxAgeMs: 1_000 });
    t.offer(pgChange({ txId: 1, now: T0 }), T0);
    t.offer(pgChange({ txId: 2, now: T0 }), T0);
    t.tick(T0 + 2_000); // both idle: dropped
    t.offer(pgChange({ txId: 1, now: T0 + 2_001 }), T0 + 2_001); // 1 again, first seen now
    t.offer(pgChange({ txId: 3, now: T0 + 2_002 }), T0 + 2_002);
    t.offer(pgChange({ txId: 4, now: T0 + 2_003 }), T0 + 2_003);
    t.offer(pgChange({ txId: 5, now: T0 + 2_004 }), T0 + 2_004); // evicts the new 1, not a stale entry
    expect(t.list(T0).map((s) => s.id)).toEqual(['5', '4', '3']);
    for (let i = 6; i <= 1_500; i++) t.offer(pgChange({ txId: i, now: T0 + 2_000 + i }), T0 + 2_000 + i);
    expect(t.list(T0).map((s) => s.id)).toEqual(['1500', '1499', '1498']);
  });

  it('never lets one-event (autocommit) transactions evict a multi-event one', () => {
    // The demo's case: replica B's copy of a large GTID transaction, then ~50 autocommit changes a second from
    // every connector. Sharing one 2,000-entry table, the large one was gone within 40 s (a 404 on its link).
    const t = createTransactionTable();
    for (let row = 0; row < 3; row++) t.offer(mariaChange({ side: 'b', gtid: '0-1-500', row, now: T0 }), T0);
    for (let i = 0; i < 5_000; i++) {
      const now = T0 + 1 + i;
      t.offer(mariaChange({ side: i % 2 === 0 ? 'a' : 'b', gtid: `0-1-${1_000 + i}`, now }), now);
      t.offer(pgChange({ txId: 10_000 + i, now }), now);
    }
    expect(t.get('replica_b|0-1-500', T0)?.summary.events).toBe(3);
    expect(t.size).toBeLessThanOrEqual(4_001);
  });

  it('shares each cap fairly: a chatty connector evicts its own transactions, not a quieter one’s', () => {
    const t = createTransactionTable({ maxTransactions: 10, maxSingleEvent: 10 });
    const two = (side: 'a' | 'b', gtid: string, now: number) => {
      for (let row = 0; row < 2; row++) t.offer(mariaChange({ side, gtid, row, now }), now);
    };
    two('b', '0-1-1', T0);
    t.offer(mariaChange({ side: 'b', gtid: '0-1-2', now: T0 }), T0);
    for (let i = 0; i < 100; i++) {
      two('a', `0-1-${100 + i}`, T0 + i);
      t.offer(mariaChange({ side: 'a', gtid: `0-1-${1_000 + i}`, now: T0 + i }), T0 + i);
    }
    expect(t.get('replica_b|0-1-1', T0)?.summary.events).toBe(2);
    expect(t.get('replica_b|0-1-2', T0)?.summary.events).toBe(1);
    // Replica A keeps the newest of its own, up to the cap less B's share.
    expect(t.get('replica_a|0-1-199', T0)).toBeDefined();
    expect(t.get('replica_a|0-1-190', T0)).toBeUndefined();
    expect(t.size).toBe(20);
  });

  it('caps the event ids kept per transaction and says so', () => {
    const t = createTransactionTable({ maxEventsPerTransaction: 2 });
    for (let i = 1; i <= 4; i++) t.offer(pgChange({ txId: 7, id: i }), T0);
    const got = t.get('pg|7', T0);
    expect(got?.summary.events).toBe(4);
    expect(got?.summary.eventsTruncated).toBe(true);
    expect(got?.eventIds).toHaveLength(2);
  });
});

describe('topTransactions', () => {
  it('ranks the last window by size and by duration', () => {
    const t = createTransactionTable();
    for (let i = 0; i < 3; i++) t.offer(pgChange({ txId: 1, id: i, now: T0 }), T0);
    t.offer(pgChange({ txId: 2, now: T0 }), T0);
    t.offer(pgChange({ txId: 2, id: 9, now: T0 + 4_000 }), T0 + 4_000);
    t.offer(pgChange({ txId: 3, now: T0 - 20 * 60_000 }), T0);
    const top = topTransactions(t.list(T0), T0 + 4_000);
    expect(top.largest.map((s) => s.id)).toEqual(['1', '2']);
    expect(top.longest.map((s) => s.id)).toEqual(['2', '1']);
  });
});
