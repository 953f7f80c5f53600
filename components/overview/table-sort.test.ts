import { describe, expect, it } from 'vitest';
import type { LagWindows, TableSummary } from '@/lib/contracts/table-stats';
import { filterAndSort, listStateFromSearch, nextSort, searchWithListState } from './table-sort';

const lw = (p95: number | null): LagWindows => ({
  m1: { count: 1, p50: p95, p95, p99: p95, max: p95 },
  m5: { count: 1, p50: p95, p95, p99: p95, max: p95 },
});

const t = (table: string, rate: number, lag: number | null, last: number | null) =>
  ({
    table: table.split('.').slice(1).join('.'),
    tableKey: table,
    rate,
    lastEventAt: last,
    lag: { capture: lw(lag), endToEnd: lw(lag) },
  }) as unknown as TableSummary;

const rows = [
  t('pg.inv.orders', 5, 200, 3),
  t('pg.inv.customers', 10, null, null),
  t('replica_a.inv.orders', 1, 50, 9),
];

describe('filterAndSort', () => {
  it('filters by case-insensitive substring', () => {
    expect(filterAndSort(rows, 'ORDERS', { key: 'name', dir: 'asc' }).map((r) => r.tableKey)).toEqual([
      'pg.inv.orders',
      'replica_a.inv.orders',
    ]);
  });

  it('sorts numbers in both directions with missing values last', () => {
    const names = (key: 'rate' | 'lag' | 'last', dir: 'asc' | 'desc') =>
      filterAndSort(rows, '', { key, dir }).map((r) => r.tableKey);
    expect(names('rate', 'desc')).toEqual(['pg.inv.customers', 'pg.inv.orders', 'replica_a.inv.orders']);
    expect(names('lag', 'desc')).toEqual(['pg.inv.orders', 'replica_a.inv.orders', 'pg.inv.customers']);
    expect(names('lag', 'asc')).toEqual(['replica_a.inv.orders', 'pg.inv.orders', 'pg.inv.customers']);
    expect(names('last', 'desc')).toEqual(['replica_a.inv.orders', 'pg.inv.orders', 'pg.inv.customers']);
  });

  it('sorts by capture lag p95 apart from end-to-end', () => {
    const split = [
      { ...t('a.x.one', 1, 10, 1), lag: { capture: lw(300), endToEnd: lw(10) } },
      { ...t('a.x.two', 1, 20, 1), lag: { capture: lw(5), endToEnd: lw(900) } },
    ] as TableSummary[];
    expect(filterAndSort(split, '', { key: 'capture', dir: 'desc' }).map((r) => r.tableKey)).toEqual([
      'a.x.one',
      'a.x.two',
    ]);
    expect(filterAndSort(split, '', { key: 'lag', dir: 'desc' }).map((r) => r.tableKey)).toEqual([
      'a.x.two',
      'a.x.one',
    ]);
  });

  it('flips direction on the same column', () => {
    expect(nextSort({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSort({ key: 'name', dir: 'asc' }, 'rate')).toEqual({ key: 'rate', dir: 'desc' });
  });
});

describe('list state in the URL', () => {
  it('reads and writes filter and sort, keeping other parameters and leaving defaults out', () => {
    expect(listStateFromSearch('?q=orders&sort=capture&dir=asc')).toEqual({
      filter: 'orders',
      sort: { key: 'capture', dir: 'asc' },
    });
    expect(listStateFromSearch('?sort=bogus')).toEqual({ filter: '', sort: { key: 'name', dir: 'asc' } });
    expect(listStateFromSearch('?sort=rate').sort).toEqual({ key: 'rate', dir: 'desc' });
    expect(searchWithListState('?note=x', 'ord', { key: 'lag', dir: 'desc' })).toBe('?note=x&q=ord&sort=lag&dir=desc');
    expect(searchWithListState('?q=a&sort=lag&dir=desc', '', { key: 'name', dir: 'asc' })).toBe('');
  });
});
