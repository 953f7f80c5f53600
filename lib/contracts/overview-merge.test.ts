import { describe, expect, it } from 'vitest';
import type { OverviewSnapshot } from './events';
import type { TableSummary } from './table-stats';
import { applyOverview } from './overview-merge';

const t = (table: string, rate: number) => ({ table, rate }) as TableSummary;
const snap = (full: boolean, tables: TableSummary[], removed: string[] = []): OverviewSnapshot => ({ at: 1, full, sources: [], tables, removed });

describe('applyOverview', () => {
  it('replaces on a full push and merges deltas by key', () => {
    const a = applyOverview(undefined, snap(true, [t('x', 1), t('y', 2)]));
    const b = applyOverview(a, snap(false, [t('y', 5), t('z', 1)], ['x']));
    expect(b.tables.map((x) => [x.table, x.rate])).toEqual([['y', 5], ['z', 1]]);
    expect(applyOverview(b, snap(true, [t('q', 0)])).tables.map((x) => x.table)).toEqual(['q']);
  });
});
