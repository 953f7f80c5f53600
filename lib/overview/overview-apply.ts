import type { OverviewSnapshot } from '../contracts/socket-events';
import type { TableSummary } from '../contracts/table-stats';
import { applyBrief } from './overview-delta';
import { applyPatch } from './overview-patch';

/** Rows are keyed by `tableKey` (two servers' copies of one table are two rows). */
const keyOf = (t: Pick<TableSummary, 'tableKey'>) => t.tableKey;

/**
 * Applies an overview push (full, or a delta of changed tables plus removed
 * keys) to the cached one. Merged by `keyOf`, so two servers'
 * copies of one table stay two rows. Unchanged rows keep their identity, so
 * memoized rows skip rendering. In each push: whole rows first, then
 * `patches` in order, then `brief`. A full push with briefs (a resync) keeps
 * the cached rows it briefs and drops the others it does not carry.
 */
export function applyOverviewByKey(prev: OverviewSnapshot | undefined, next: OverviewSnapshot): OverviewSnapshot {
  // The throughput seconds go to their own query (queryKeys.throughput), not into the overview's cache.
  const patches = next.patches ?? [];
  if (!next.brief?.length && !patches.length && (next.full || !prev))
    return { at: next.at, full: true, sources: next.sources, tables: next.tables, removed: [] };
  const rows = new Map<string, TableSummary>();
  if (next.full) {
    const cached = new Map((prev?.tables ?? []).map((t) => [keyOf(t), t]));
    for (const t of next.tables) rows.set(keyOf(t), t);
    // A brief of a table this cache does not hold has nothing to patch: the server sends those whole.
    for (const b of next.brief ?? []) {
      const t = cached.get(b[0]);
      if (t) rows.set(b[0], t);
    }
  } else {
    const removed = new Set(next.removed);
    for (const t of prev?.tables ?? []) if (!removed.has(keyOf(t))) rows.set(keyOf(t), t);
    for (const t of next.tables) if (!removed.has(keyOf(t))) rows.set(keyOf(t), t);
  }
  for (const p of patches) {
    const t = rows.get(p.tableKey);
    if (t) rows.set(p.tableKey, applyPatch(t, p));
  }
  for (const b of next.brief ?? []) {
    const t = rows.get(b[0]);
    if (t) rows.set(b[0], applyBrief(t, b));
  }
  return { at: next.at, full: true, sources: next.sources, tables: [...rows.values()], removed: [] };
}

/**
 * Queues a push behind the ones not yet applied (one flush window's worth:
 * deltas patch what came before them, so they are applied in order, never
 * folded). A full push without briefs replaces everything before it, so the
 * queue is bounded by the pushes of one flush window (1/s while the tab's
 * timers are throttled: a few dozen small deltas at worst).
 */
export function queueOverviewPush(queue: readonly OverviewSnapshot[], next: OverviewSnapshot): OverviewSnapshot[] {
  if (next.full && !next.brief?.length && !next.patches?.length) return [next];
  return [...queue, next];
}

/** Applies queued pushes in order (`queueOverviewPush`). */
export function applyOverviewPushes(
  prev: OverviewSnapshot | undefined,
  pushes: readonly OverviewSnapshot[],
): OverviewSnapshot {
  let out = prev;
  for (const p of pushes) out = applyOverviewByKey(out, p);
  // A queue is never empty (it starts with a push); an empty one leaves an empty overview.
  return out ?? { at: 0, full: true, sources: [], tables: [], removed: [] };
}
