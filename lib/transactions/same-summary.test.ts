import { describe, expect, it } from 'vitest';
import type { TransactionSummary } from '../contracts/transactions';
import { sameTransactionSummary } from './same-summary';

const base: TransactionSummary = {
  key: 'demo_a|0-1-7',
  connector: 'demo_a',
  id: '0-1-7',
  basis: 'metadata',
  state: 'complete',
  events: 3,
  expectedEvents: 3,
  tables: [
    { table: 'inventory.orders', seen: 2, expected: 2 },
    { table: 'inventory.products', seen: 1, expected: 1 },
  ],
  shortTables: [],
  firstAt: 1000,
  lastAt: 1200,
  durationMs: 150,
  sawBegin: true,
  sawEnd: true,
};

describe('sameTransactionSummary (memoized transaction rows)', () => {
  it('is true for an equal copy, as the next poll brings it', () => {
    expect(sameTransactionSummary(base, structuredClone(base))).toBe(true);
  });

  // Each field the row draws (or links by): a change must render the row again.
  const changes: [string, Partial<TransactionSummary>][] = [
    ['key', { key: 'demo_b|0-1-7' }],
    ['connector', { connector: 'demo_b' }],
    ['id', { id: '0-1-8' }],
    ['basis', { basis: 'gtid' }],
    ['state', { state: 'incomplete' }],
    ['events', { events: 4 }],
    ['expectedEvents', { expectedEvents: 4 }],
    ['expectedEvents gone', { expectedEvents: undefined }],
    ['firstAt', { firstAt: 999 }],
    ['lastAt', { lastAt: 1300 }],
    ['durationMs', { durationMs: 151 }],
    ['sawBegin', { sawBegin: false }],
    ['sawEnd', { sawEnd: false }],
    ['eventsTruncated', { eventsTruncated: true }],
    ['a table count', { tables: [{ table: 'inventory.orders', seen: 1, expected: 2 }, base.tables[1]!] }],
    ['a table expected', { tables: [{ table: 'inventory.orders', seen: 2 }, base.tables[1]!] }],
    ['a table more', { tables: [...base.tables, { table: 'inventory.customers', seen: 1 }] }],
    ['short tables', { shortTables: ['inventory.orders'] }],
  ];
  for (const [what, change] of changes)
    it(`is false when ${what} differs`, () => {
      expect(sameTransactionSummary(base, { ...structuredClone(base), ...change })).toBe(false);
    });
});
