import type { HistoryEntry } from '../contracts/row-history';
import { sameChange, type OrderedEntry } from './history-order';

/**
 * Where two replicas' histories of one row part: both sides should show the
 * same changes in the same order (each side's own broker positions, binlog
 * files and arrival times differ; the rows must not). Compared oldest first
 * on op and masked row fingerprints; duplicates (at-least-once redelivery) are
 * skipped. The two reads may start at different points (retention, a side
 * snapshotted later), so the older side's extra prefix is skipped when the
 * other side's oldest change is found in it.
 */

export interface Divergence {
  /** Id of the first differing entry on each side; null when that side has no entry there (it ends earlier). */
  a: string | null;
  b: string | null;
  reason: 'different-change' | 'only-in-a' | 'only-in-b';
  /** Changes both sides agree on before it. */
  agreed: number;
  /**
   * Only-in: when the oldest change only that side shows happened (its commit time, else when it was
   * received), so a side that is merely behind can be told from one that lost it (history-grace.ts); else null.
   */
  since: number | null;
}

const timeOf = (e: HistoryEntry) => e.commitTs ?? e.receivedAt;

/** How far into `xs` the first change equal to `first` sits, or -1 (only the first few are tried). */
const ALIGN_WINDOW = 50;
function indexOfChange(xs: HistoryEntry[], first: HistoryEntry): number {
  for (let i = 0; i < Math.min(xs.length, ALIGN_WINDOW); i++) if (sameChange(xs[i] as HistoryEntry, first)) return i;
  return -1;
}

function oldestFirstDistinct(entries: readonly OrderedEntry[]): OrderedEntry[] {
  return entries.filter((e) => e.continuity !== 'duplicate').reverse();
}

/** The first point where the two histories (each newest first, as `orderHistory` gives them) differ; null when they agree. */
export function firstDivergence(
  aNewestFirst: readonly OrderedEntry[],
  bNewestFirst: readonly OrderedEntry[],
): Divergence | null {
  let a = oldestFirstDistinct(aNewestFirst);
  let b = oldestFirstDistinct(bNewestFirst);
  if (a.length > 0 && b.length > 0 && !sameChange(a[0] as HistoryEntry, b[0] as HistoryEntry)) {
    const inA = indexOfChange(a, b[0] as HistoryEntry);
    const inB = indexOfChange(b, a[0] as HistoryEntry);
    if (inA > 0 && (inB < 0 || inA <= inB)) a = a.slice(inA);
    else if (inB > 0) b = b.slice(inB);
  }
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i] as HistoryEntry;
    const y = b[i] as HistoryEntry;
    if (!sameChange(x, y)) return { a: x.id, b: y.id, reason: 'different-change', agreed: i, since: null };
  }
  const extraA = a[n];
  if (extraA !== undefined) return { a: extraA.id, b: null, reason: 'only-in-a', agreed: n, since: timeOf(extraA) };
  const extraB = b[n];
  if (extraB !== undefined) return { a: null, b: extraB.id, reason: 'only-in-b', agreed: n, since: timeOf(extraB) };
  return null;
}
