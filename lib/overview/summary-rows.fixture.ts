import type { TableSummary } from '../contracts/table-stats';

/** Overview rows for tests: only what the overview's merge and sort read. */
const windows = (p95: number | null) => ({
  m1: { count: 3, p50: 1, p95, p99: 9, max: 10 },
  m5: { count: 9, p50: 2, p95: 7, p99: 8, max: 11 },
});
export const row = (tableKey: string, rate: number, p95: number | null = 5): TableSummary =>
  ({
    table: tableKey.split('.').slice(1).join('.'),
    tableKey,
    rate,
    lastEventAt: 1000 + rate,
    totals: { c: rate },
    spark: [rate],
    lag: { capture: windows(p95), endToEnd: windows(p95 === null ? null : p95 * 2) },
  }) as unknown as TableSummary;
