import type { OverviewSnapshot } from '@/lib/contracts/socket-events';
import type { TableSummary } from '@/lib/contracts/table-stats';
import { mergeThroughput } from '../overview/throughput-history';

/**
 * The key a table is known by in rooms, routes and the API: `tableKey`
 * (`<serverName>.<db>.<table>`). The same table captured from two servers
 * shares `table` but not `tableKey`, so never key rows by `table`.
 */
export function keyOf(t: Pick<TableSummary, 'tableKey'>): string {
  return t.tableKey;
}

/**
 * Applies an overview push (full, or a delta of changed tables plus removed
 * keys) to the cached one. Merged by `keyOf`, so two servers'
 * copies of one table stay two rows. Unchanged rows keep their identity, so
 * memoized rows skip rendering.
 */
export function applyOverviewByKey(prev: OverviewSnapshot | undefined, next: OverviewSnapshot): OverviewSnapshot {
  // The throughput seconds go to their own query (queryKeys.throughput), not into the overview's cache.
  if (next.full || !prev) return { at: next.at, full: true, sources: next.sources, tables: next.tables, removed: [] };
  const changed = new Map(next.tables.map((t) => [keyOf(t), t]));
  const removed = new Set(next.removed);
  const tables: TableSummary[] = [];
  for (const t of prev.tables) {
    const k = keyOf(t);
    if (removed.has(k)) continue;
    const c = changed.get(k);
    if (c) changed.delete(k);
    tables.push(c ?? t);
  }
  for (const t of changed.values()) if (!removed.has(keyOf(t))) tables.push(t);
  return { at: next.at, full: true, sources: next.sources, tables, removed: [] };
}

/** Combines two pushes that arrived within one flush window into one equivalent push. */
export function combineOverviewPushes(a: OverviewSnapshot, b: OverviewSnapshot): OverviewSnapshot {
  // The throughput seconds of both pushes count, whichever is full.
  const throughput =
    a.throughput && b.throughput ? mergeThroughput(a.throughput, b.throughput) : (b.throughput ?? a.throughput);
  if (b.full) return a.throughput ? { ...b, throughput } : b;
  if (a.full) return { ...applyOverviewByKey(a, b), throughput };
  const tables = new Map(a.tables.map((t) => [keyOf(t), t]));
  for (const t of b.tables) tables.set(keyOf(t), t);
  // A key removed by `a` and re-added by `b` is live again.
  const removed = new Set(a.removed.filter((k) => !tables.has(k)));
  for (const k of b.removed) {
    removed.add(k);
    tables.delete(k);
  }
  return { at: b.at, full: false, sources: b.sources, tables: [...tables.values()], removed: [...removed], throughput };
}
