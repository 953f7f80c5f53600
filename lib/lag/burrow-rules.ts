import type { CommitObservation, GroupLagStatus, LagRule, PartitionLagStatus } from '../contracts/consumer-lag';
import { PARTITION_STATUS_ORDER } from '../contracts/consumer-lag';

/**
 * Burrow's partition rules (LinkedIn Burrow, core/internal/evaluator), over
 * the last N commits of a partition, oldest first:
 * 1. no lag now, or a zero lag anywhere in the window → OK;
 * otherwise, in this order:
 * 2. the committed offset went backwards → REWIND;
 * 3. no commit for longer than the window spans (`now − last > last − first`) → STOP;
 * 4. the offset never changed across the window (lag > 0) → STALL;
 * 5. the lag never decreased across the window → WARN;
 * 6. else OK (the consumer is catching up).
 * The one addition: fewer than `minObservations` commits rate OK with rule
 * `no-data`. Burrow starts from a window filled from `__consumer_offsets`; a
 * poller starting cold would otherwise call every lagging partition STALL on
 * its first sample and STOP a second later.
 */
export const BURROW_WINDOW = 10;
export const DEFAULT_MIN_OBSERVATIONS = 2;

export interface PartitionEvaluation {
  status: PartitionLagStatus;
  rule: LagRule;
}

export interface EvaluateOptions {
  /** Lag now (end offset now − last committed offset); defaults to the last observation's lag. */
  currentLag?: number;
  minObservations?: number;
}

export function evaluatePartition(
  window: readonly CommitObservation[],
  now: number,
  options: EvaluateOptions = {},
): PartitionEvaluation {
  const first = window[0];
  const last = window[window.length - 1];
  if (first === undefined || last === undefined) return { status: 'OK', rule: 'no-data' };
  const currentLag = options.currentLag ?? last.lag;
  if (currentLag <= 0) return { status: 'OK', rule: 'caught-up' };
  if (window.some((o) => o.lag === 0)) return { status: 'OK', rule: 'zero-lag-in-window' };
  if (window.length < (options.minObservations ?? DEFAULT_MIN_OBSERVATIONS)) return { status: 'OK', rule: 'no-data' };
  let rewind = false;
  let moved = false;
  let decreased = false;
  for (let i = 1; i < window.length; i++) {
    const prev = window[i - 1] as CommitObservation;
    const cur = window[i] as CommitObservation;
    if (cur.offset < prev.offset) rewind = true;
    if (cur.offset !== prev.offset) moved = true;
    if (cur.lag < prev.lag) decreased = true;
  }
  if (rewind) return { status: 'REWIND', rule: 'rewind' };
  if (now - last.at > last.at - first.at) return { status: 'STOP', rule: 'stopped' };
  if (!moved) return { status: 'STALL', rule: 'stalled' };
  if (!decreased) return { status: 'WARN', rule: 'lag-not-decreasing' };
  return { status: 'OK', rule: 'lag-decreasing' };
}

const rank = (s: PartitionLagStatus) => PARTITION_STATUS_ORDER.indexOf(s);

/** The more severe of two statuses, in Burrow's order OK < WARN < STOP < STALL < REWIND. */
export function worseStatus(a: PartitionLagStatus, b: PartitionLagStatus): PartitionLagStatus {
  return rank(b) > rank(a) ? b : a;
}

/** Burrow's group status: the worst partition's, with anything above WARN reported as ERR. */
export function groupStatusOf(statuses: Iterable<PartitionLagStatus>): {
  status: GroupLagStatus;
  worst: PartitionLagStatus;
} {
  let worst: PartitionLagStatus = 'OK';
  let any = false;
  for (const s of statuses) {
    any = true;
    worst = worseStatus(worst, s);
  }
  if (!any) return { status: 'NOTFOUND', worst };
  return { status: worst === 'OK' ? 'OK' : worst === 'WARN' ? 'WARN' : 'ERR', worst };
}
