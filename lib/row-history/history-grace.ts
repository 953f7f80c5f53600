import type { LagWindows } from '../contracts/table-stats';
import type { Divergence } from './divergence';

/**
 * A replica pair's row history, judged with a grace period. A change one side shows and the other does not
 * is not called "only in A" at once: the other side may just be behind (its replica, its connector, the
 * broker), and the two reads each stop at their broker's end as of when they started. While the other
 * side's read began within the grace after that change, the page says it may not have caught up yet and
 * reads both sides again once after the grace; a change still missing then is "only in" one side. Times
 * compared: the change's commit time (else its receive time) and the browser's clock at the read's start.
 *
 * The grace: twice the largest delay between the pair's two copies of one event over the last 5 minutes
 * (the last minute when 5 have no sample), bounded to HISTORY_GRACE_MIN_MS..HISTORY_GRACE_MAX_MS; before any
 * copy was matched, the pair's own grace (`replicas[].graceMs`, 10 s by default), bounded alike.
 */
export const HISTORY_GRACE_MIN_MS = 2_000;
export const HISTORY_GRACE_MAX_MS = 30_000;

const clamp = (ms: number) => Math.min(HISTORY_GRACE_MAX_MS, Math.max(HISTORY_GRACE_MIN_MS, Math.round(ms)));

export function historyGraceMs(delay: LagWindows | undefined, pairGraceMs: number | undefined): number {
  const observed = delay?.m5.max ?? delay?.m1.max ?? null;
  if (observed !== null) return clamp(2 * observed);
  return clamp(pairGraceMs ?? HISTORY_GRACE_MAX_MS);
}

export type HistoryVerdict =
  | { state: 'same' }
  | { state: 'diverged'; divergence: Divergence }
  /** The other side's read began before the grace had passed: read it again at `until` (epoch ms). */
  | { state: 'waiting'; divergence: Divergence; behind: 'a' | 'b'; until: number };

/**
 * The verdict on a pair's histories. `readStartedAt`: when each side's read began (what it can have seen);
 * null for a side not read yet.
 */
export function judgeHistories(
  divergence: Divergence | null,
  readStartedAt: { a: number | null; b: number | null },
  graceMs: number,
): HistoryVerdict {
  if (divergence === null) return { state: 'same' };
  if (divergence.since === null || divergence.reason === 'different-change') return { state: 'diverged', divergence };
  const behind = divergence.reason === 'only-in-a' ? 'b' : 'a';
  const until = divergence.since + graceMs;
  const read = readStartedAt[behind];
  if (read !== null && read < until) return { state: 'waiting', divergence, behind, until };
  return { state: 'diverged', divergence };
}
