import type { OverviewSnapshot } from '../contracts/socket-events';
import type { TableSummary } from '../contracts/table-stats';
import { applyBrief } from './overview-delta';
import { applyPatch } from './overview-patch';

/** Rows are keyed by `tableKey` (two servers' copies of one table are two rows). */
const keyOf = (t: Pick<TableSummary, 'tableKey'>) => t.tableKey;

const NONE: ReadonlySet<string> = new Set();

/**
 * The browser's overview: every push applied so far, as one full snapshot
 * numbered as the last numbered push (`seq`), plus the rows that may differ
 * from the server's beyond their sort keys.
 */
export interface OverviewView extends OverviewSnapshot {
  full: true;
  /**
   * Keys of cached rows that may be wrong: patched by a brief (only the sort
   * keys are new, the rest is as last sent whole), or held when a numbered
   * delta was skipped (the lost delta's changes are missing, and the patches
   * after it build on them) until the resync. A whole row clears its key.
   * The list draws these rows as updating, not as current figures.
   */
  staleRows: ReadonlySet<string>;
}

/** A snapshot that needs nothing from before it (first load, HTTP fetch): every row whole and current. */
export function overviewView(snap: Pick<OverviewSnapshot, 'at' | 'sources' | 'tables' | 'seq'>): OverviewView {
  return {
    at: snap.at,
    full: true,
    ...(snap.seq !== undefined ? { seq: snap.seq } : {}),
    sources: snap.sources,
    tables: snap.tables,
    removed: [],
    staleRows: NONE,
  };
}

/** The same set when nothing was added or taken, so memoized rows and lists keep their input. */
function updated(prev: ReadonlySet<string>, add: Iterable<string>, drop: (k: string) => boolean): ReadonlySet<string> {
  let out: Set<string> | undefined;
  for (const k of prev)
    if (drop(k)) {
      out ??= new Set(prev);
      out.delete(k);
    }
  for (const k of add)
    if (!(out ?? prev).has(k)) {
      out ??= new Set(prev);
      out.add(k);
    }
  return out ?? prev;
}

/**
 * Applies an overview push (full, or a delta of changed tables plus removed
 * keys) to the cached one. Merged by `keyOf`, so two servers'
 * copies of one table stay two rows. Unchanged rows keep their identity, so
 * memoized rows skip rendering. In each push: whole rows first, then
 * `patches` in order, then `brief`. A full push with briefs (a resync) keeps
 * the cached rows it briefs and drops the others it does not carry.
 */
export function applyOverviewByKey(prev: OverviewView | undefined, next: OverviewSnapshot): OverviewView {
  // The throughput seconds go to their own query (queryKeys.throughput), not into the overview's cache.
  const patches = next.patches ?? [];
  if (!next.brief?.length && !patches.length && (next.full || !prev)) return overviewView(next);
  const rows = new Map<string, TableSummary>();
  const whole = new Set(next.tables.map(keyOf));
  let stale: ReadonlySet<string>;
  if (next.full) {
    const cached = new Map((prev?.tables ?? []).map((t) => [keyOf(t), t]));
    for (const t of next.tables) rows.set(keyOf(t), t);
    // A brief of a table this cache does not hold has nothing to patch: the server sends those whole.
    for (const b of next.brief ?? []) {
      const t = cached.get(b[0]);
      if (t) rows.set(b[0], t);
    }
    stale = NONE;
  } else {
    const removed = new Set(next.removed);
    for (const t of prev?.tables ?? []) if (!removed.has(keyOf(t))) rows.set(keyOf(t), t);
    for (const t of next.tables) if (!removed.has(keyOf(t))) rows.set(keyOf(t), t);
    // A skipped number: every row held may lack what the lost delta carried, and its patches come on top.
    const lost = next.seq !== undefined && prev?.seq !== undefined && next.seq > prev.seq + 1;
    stale = updated(prev?.staleRows ?? NONE, lost ? rows.keys() : [], (k) => removed.has(k) || !rows.has(k));
  }
  for (const p of patches) {
    const t = rows.get(p.tableKey);
    if (t) rows.set(p.tableKey, applyPatch(t, p));
  }
  const briefed: string[] = [];
  for (const b of next.brief ?? []) {
    const t = rows.get(b[0]);
    if (t) {
      rows.set(b[0], applyBrief(t, b));
      briefed.push(b[0]);
    }
  }
  // Briefs come after whole rows in a push: a row sent whole and briefed in one push is briefed last.
  const briefedSet = new Set(briefed);
  stale = updated(stale, briefed, (k) => whole.has(k) && !briefedSet.has(k));
  const seq = next.seq ?? prev?.seq;
  return {
    at: next.at,
    full: true,
    ...(seq !== undefined ? { seq } : {}),
    sources: next.sources,
    tables: [...rows.values()],
    removed: [],
    staleRows: stale,
  };
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
export function applyOverviewPushes(prev: OverviewView | undefined, pushes: readonly OverviewSnapshot[]): OverviewView {
  let out = prev;
  for (const p of pushes) out = applyOverviewByKey(out, p);
  // A queue is never empty (it starts with a push); an empty one leaves an empty overview.
  return out ?? overviewView({ at: 0, sources: [], tables: [] });
}
