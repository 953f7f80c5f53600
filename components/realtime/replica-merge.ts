import type { ReplicaPairSummary, ReplicasResponse } from '@/lib/contracts/replicas';
import { spliceSeries } from './table-merge';

/**
 * Applies a pair push to the cached pair. Pushes normally carry every table
 * (`tablesComplete`); a delta (only the tables changed since a version) keeps
 * the cached tables it does not mention, so a table never blinks out.
 */
export function applyReplicaPair(prev: ReplicaPairSummary | undefined, next: ReplicaPairSummary): ReplicaPairSummary {
  if (!prev || prev.pairId !== next.pairId) return next;
  // A partial series (the room's pushes) is spliced onto the cached 15 minutes, never put in their place.
  if (next.seriesPartial)
    next = { ...next, series: spliceSeries(prev.series, next.series), seriesPartial: prev.seriesPartial };
  if (next.tablesComplete) return next;
  const changed = new Map(next.tables.map((t) => [t.table, t]));
  const tables = prev.tables.map((t) => {
    const c = changed.get(t.table);
    if (c) changed.delete(t.table);
    return c ?? t;
  });
  for (const t of changed.values()) tables.push(t);
  return { ...next, tables, tablesComplete: true };
}

/** Merges two pushes of every pair's summary, pair by pair; pairs no longer pushed are gone (config reloaded). */
export function applyReplicaPairs(
  prev: readonly ReplicaPairSummary[] | undefined,
  next: readonly ReplicaPairSummary[],
): ReplicaPairSummary[] {
  const byId = new Map((prev ?? []).map((p) => [p.pairId, p]));
  return next.map((p) => applyReplicaPair(byId.get(p.pairId), p));
}

/** A `replicas` room push written over the cached `GET /api/replicas` (suggestions come by HTTP only and are kept). */
export function applyReplicasPush(
  prev: ReplicasResponse | undefined,
  pairs: readonly ReplicaPairSummary[],
): ReplicasResponse {
  return { pairs: applyReplicaPairs(prev?.pairs, pairs), suggestions: prev?.suggestions ?? [] };
}
