import { describe, expect, it } from 'vitest';
import type { OverviewSnapshot } from '@/lib/contracts/socket-events';
import type { TableSummary } from '@/lib/contracts/table-stats';
import { applyOverviewByKey, combineOverviewPushes } from './overview-merge';

const t = (tableKey: string, rate: number) =>
  ({ table: tableKey.split('.').slice(1).join('.'), tableKey, rate }) as TableSummary;
const snap = (full: boolean, tables: TableSummary[], removed: string[] = []): OverviewSnapshot => ({
  at: 1,
  full,
  sources: [],
  tables,
  removed,
});
const rows = (s: OverviewSnapshot) => s.tables.map((x) => [x.tableKey, x.rate]);

describe('applyOverviewByKey', () => {
  it('keeps two servers’ copies of a table apart and applies deltas by key', () => {
    const a = applyOverviewByKey(undefined, snap(true, [t('ra.inv.c', 1), t('rb.inv.c', 2)]));
    const b = applyOverviewByKey(a, snap(false, [t('rb.inv.c', 5), t('pg.inv.o', 1)], ['ra.inv.c']));
    expect(rows(b)).toEqual([
      ['rb.inv.c', 5],
      ['pg.inv.o', 1],
    ]);
    expect(b.full).toBe(true);
  });

  it('keeps the identity of unchanged rows', () => {
    const x = t('ra.inv.c', 1);
    const a = applyOverviewByKey(undefined, snap(true, [x, t('rb.inv.c', 2)]));
    const b = applyOverviewByKey(a, snap(false, [t('rb.inv.c', 3)]));
    expect(b.tables[0]).toBe(x);
  });
});

describe('combineOverviewPushes', () => {
  it('folds two deltas into one equivalent delta', () => {
    const base = applyOverviewByKey(undefined, snap(true, [t('a.x.1', 0), t('a.x.2', 0), t('a.x.3', 0)]));
    const d1 = snap(false, [t('a.x.1', 1)], ['a.x.3']);
    const d2 = snap(false, [t('a.x.2', 2), t('a.x.3', 9)], ['a.x.1']);
    const oneByOne = applyOverviewByKey(applyOverviewByKey(base, d1), d2);
    const combined = applyOverviewByKey(base, combineOverviewPushes(d1, d2));
    expect(rows(combined).sort()).toEqual(rows(oneByOne).sort());
  });

  it('a full push wins over anything pending', () => {
    const f = snap(true, [t('a.x.9', 1)]);
    expect(combineOverviewPushes(snap(false, [t('a.x.1', 1)]), f)).toBe(f);
  });
});
