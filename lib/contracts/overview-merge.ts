import type { OverviewSnapshot } from './events';

/** Applies a pushed overview (full or delta) to the previous one, keeping table order stable. */
export function applyOverview(prev: OverviewSnapshot | undefined, next: OverviewSnapshot): OverviewSnapshot {
  if (next.full || !prev) return { ...next, full: true, removed: [] };
  const changed = new Map(next.tables.map((t) => [t.table, t]));
  const removed = new Set(next.removed);
  const tables = prev.tables.filter((t) => !removed.has(t.table)).map((t) => {
    const c = changed.get(t.table);
    if (c) changed.delete(t.table);
    return c ?? t;
  });
  tables.push(...changed.values());
  return { at: next.at, full: true, sources: next.sources, tables, removed: [] };
}
