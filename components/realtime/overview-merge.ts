import type { OverviewSnapshot, TableBrief } from '@/lib/contracts/socket-events';
import type { TableSummary } from '@/lib/contracts/table-stats';
import { applyBrief } from '@/lib/overview/overview-delta';
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
  const briefs = new Map((next.brief ?? []).map((b) => [b.tableKey, b]));
  const removed = new Set(next.removed);
  const tables: TableSummary[] = [];
  for (const t of prev.tables) {
    const k = keyOf(t);
    if (removed.has(k)) continue;
    const c = changed.get(k);
    if (c) changed.delete(k);
    const b = c ? undefined : briefs.get(k);
    // A brief of a table this cache does not hold has nothing to patch: the server sends new tables whole.
    tables.push(c ?? (b ? applyBrief(t, b) : t));
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
  const briefs = new Map<string, TableBrief>((a.brief ?? []).map((x) => [x.tableKey, x]));
  for (const t of b.tables) {
    tables.set(keyOf(t), t);
    briefs.delete(keyOf(t));
  }
  for (const x of b.brief ?? []) {
    // A newer brief patches a whole row of `a`, or replaces an older brief.
    const t = tables.get(x.tableKey);
    if (t) tables.set(x.tableKey, applyBrief(t, x));
    else briefs.set(x.tableKey, x);
  }
  // A key removed by `a` and re-added by `b` is live again.
  const removed = new Set(a.removed.filter((k) => !tables.has(k)));
  for (const k of b.removed) {
    removed.add(k);
    tables.delete(k);
    briefs.delete(k);
  }
  return {
    at: b.at,
    full: false,
    ...(b.seq !== undefined ? { seq: b.seq } : {}),
    sources: b.sources,
    tables: [...tables.values()],
    removed: [...removed],
    ...(briefs.size ? { brief: [...briefs.values()] } : {}),
    throughput,
  };
}
