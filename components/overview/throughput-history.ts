import type { OverviewSnapshot } from '@/lib/contracts/socket-events';
import type { TableSummary } from '@/lib/contracts/table-stats';
import type { OpRatePoint } from '../charts/throughput-chart';
import { keyOf } from '../realtime/overview-merge';

/** The overview chart keeps 15 minutes of 1-second points: 900 points, cheap to redraw each second. */
export const HISTORY_WINDOW_MS = 15 * 60_000;
const BUCKET_MS = 1000;
/**
 * Deltas between two snapshots further apart than this were not observed
 * second by second (the overview was not watched, or the socket was down):
 * spread them evenly over the gap instead of drawing one spike.
 */
const SPREAD_AFTER_MS = 2000;

type Counts = Omit<OpRatePoint, 't'>;
const OPS = ['c', 'u', 'd', 'r', 'other'] as const;

function countsOf(t: TableSummary): Counts {
  const x = t.totals;
  return { c: x.c, u: x.u, d: x.d, r: x.r, other: x.t + x.m + t.tombstones };
}

const zero = (t: number): OpRatePoint => ({ t, c: 0, u: 0, d: 0, r: 0, other: 0 });
const bucketOf = (ms: number) => Math.floor(ms / BUCKET_MS) * BUCKET_MS;

export interface ThroughputHistory {
  /** Feed a snapshot of cumulative totals, received at client time `receivedAt`. */
  add(snapshot: OverviewSnapshot, receivedAt: number): void;
  /** Complete seconds up to `now`, gaps filled with zeros, oldest first. */
  points(now: number): OpRatePoint[];
}

/**
 * Averages consecutive points so at most `max` remain: a 15-minute history
 * at 1 s is 900 points, more than a chart's width shows and 3× the redraw
 * cost. Rates stay rates (events/s averaged over the wider bucket).
 */
export function downsample(points: readonly OpRatePoint[], max: number): OpRatePoint[] {
  if (points.length <= max) return points.slice();
  const group = Math.ceil(points.length / max);
  const out: OpRatePoint[] = [];
  // Align groups on the newest point so the right edge is always a full group.
  for (let end = points.length; end > 0; end -= group) {
    const start = Math.max(0, end - group);
    const acc = zero(points[start]?.t ?? 0);
    for (let i = start; i < end; i++) {
      const p = points[i];
      if (p) for (const op of OPS) acc[op] += p[op];
    }
    for (const op of OPS) acc[op] /= end - start;
    out.push(acc);
  }
  return out.reverse();
}

/**
 * Throughput by op across all tables, derived in the browser from the
 * differences of the cumulative per-table totals between overview snapshots
 * (the summaries only carry a total-rate sparkline, not one per op).
 * Tables seen for the first time set a baseline and count from there, so a
 * table appearing with a big snapshot does not show as a spike.
 */
export function createThroughputHistory(): ThroughputHistory {
  const baseline = new Map<string, Counts>();
  const buckets: OpRatePoint[] = [];
  let lastAddAt: number | null = null;
  let startBucket: number | null = null;

  function bucketAt(t: number): OpRatePoint {
    const last = buckets[buckets.length - 1];
    if (last && last.t >= t) {
      // Same second, or the clock went back: add to the newest bucket.
      return last.t === t ? last : (buckets.find((b) => b.t === t) ?? last);
    }
    const b = zero(t);
    buckets.push(b);
    return b;
  }

  return {
    add(snapshot, receivedAt) {
      const delta = zero(0);
      const seen = new Set<string>();
      for (const t of snapshot.tables) {
        const key = keyOf(t);
        seen.add(key);
        const cur = countsOf(t);
        const prev = baseline.get(key);
        if (prev) for (const op of OPS) delta[op] += Math.max(0, cur[op] - prev[op]);
        baseline.set(key, cur);
      }
      if (baseline.size > seen.size) for (const k of [...baseline.keys()]) if (!seen.has(k)) baseline.delete(k);

      const now = bucketOf(receivedAt);
      if (lastAddAt === null || startBucket === null) {
        startBucket = now;
        lastAddAt = receivedAt;
        return;
      }
      const gap = receivedAt - lastAddAt;
      lastAddAt = receivedAt;
      const from = Math.max(bucketOf(receivedAt - gap) + BUCKET_MS, now - HISTORY_WINDOW_MS + BUCKET_MS);
      const spread = gap > SPREAD_AFTER_MS && from < now ? (now - from) / BUCKET_MS + 1 : 1;
      for (let i = 0; i < spread; i++) {
        const b = bucketAt(spread === 1 ? now : from + i * BUCKET_MS);
        for (const op of OPS) b[op] += delta[op] / spread;
      }
      const oldest = now - HISTORY_WINDOW_MS;
      while (buckets.length > 0 && (buckets[0]?.t ?? 0) <= oldest) buckets.shift();
    },
    points(now) {
      if (startBucket === null) return [];
      const end = bucketOf(now) - BUCKET_MS; // the current second is still filling
      const start = Math.max(startBucket + BUCKET_MS, end - HISTORY_WINDOW_MS + BUCKET_MS);
      const out: OpRatePoint[] = [];
      let j = buckets.findIndex((b) => b.t >= start);
      if (j < 0) j = buckets.length;
      for (let t = start; t <= end; t += BUCKET_MS) {
        const b = buckets[j];
        if (b && b.t === t) {
          out.push({ ...b });
          j += 1;
        } else out.push(zero(t));
      }
      return out;
    },
  };
}
