import type { ThroughputPoint } from '@/lib/contracts/table-stats';
import type { OpRatePoint } from '../charts/throughput-chart';

/** The overview chart keeps 15 minutes of 1-second points, as the server does: 900 points, cheap to redraw each second. */
export const HISTORY_WINDOW_MS = 15 * 60_000;
const BUCKET_MS = 1000;
const OPS = ['c', 'u', 'd', 'r', 'other'] as const;

/** How late the newest second may be before the right edge shows a gap: one overview push (1 s) plus delivery. */
const PUSH_GRACE_MS = 2000;
const bucketOf = (ms: number) => Math.floor(ms / BUCKET_MS) * BUCKET_MS;
const gap = (t: number): OpRatePoint => ({ t, c: null, u: null, d: null, r: null, other: null });

/**
 * Union of two runs of server seconds by `t` (the incoming one wins: a push
 * or a refetch is newer), oldest first, the 15 minutes before the newest kept.
 * Both runs come from the server's per-second buckets, so nothing here is
 * derived or spread: a second neither run holds stays missing.
 */
export function mergeThroughput(
  prev: readonly ThroughputPoint[] | undefined,
  incoming: readonly ThroughputPoint[],
): ThroughputPoint[] {
  if (!prev || prev.length === 0) return incoming.slice();
  if (incoming.length === 0) return prev.slice();
  const byT = new Map<number, ThroughputPoint>();
  for (const p of prev) byT.set(p.t, p);
  for (const p of incoming) byT.set(p.t, p);
  const out = [...byT.values()].sort((a, b) => a.t - b.t);
  const newest = out[out.length - 1]?.t ?? 0;
  const first = out.findIndex((p) => p.t > newest - HISTORY_WINDOW_MS);
  return first > 0 ? out.slice(first) : out;
}

/**
 * One point per complete second from the oldest known one up to `now` (the
 * current second is still filling): seconds the page never received are
 * null, drawn as a gap, never as zero and never interpolated.
 */
export function chartPoints(points: readonly ThroughputPoint[], now: number): OpRatePoint[] {
  const first = points[0];
  const newest = points[points.length - 1];
  if (!first || !newest) return [];
  const lastComplete = bucketOf(now) - BUCKET_MS;
  // The newest second arrives with the next push (once a second): not yet having it is not a gap.
  const end = lastComplete - newest.t <= PUSH_GRACE_MS ? newest.t : lastComplete;
  const start = Math.max(first.t, end - HISTORY_WINDOW_MS + BUCKET_MS);
  const out: OpRatePoint[] = [];
  let j = points.findIndex((p) => p.t >= start);
  if (j < 0) j = points.length;
  for (let t = start; t <= end; t += BUCKET_MS) {
    const p = points[j];
    if (p && p.t === t) {
      out.push({ t, c: p.c, u: p.u, d: p.d, r: p.r, other: p.other });
      j += 1;
    } else out.push(gap(t));
  }
  return out;
}

/**
 * Averages consecutive points so at most `max` remain: a 15-minute history
 * at 1 s is 900 points, more than a chart's width shows and 3× the redraw
 * cost. Rates stay rates (events/s averaged over the seconds the group has);
 * a group with no known second stays a gap.
 */
export function downsample(points: readonly OpRatePoint[], max: number): OpRatePoint[] {
  if (points.length <= max) return points.slice();
  const group = Math.ceil(points.length / max);
  const out: OpRatePoint[] = [];
  // Align groups on the newest point so the right edge is always a full group.
  for (let end = points.length; end > 0; end -= group) {
    const start = Math.max(0, end - group);
    const acc = gap(points[start]?.t ?? 0);
    let known = 0;
    for (let i = start; i < end; i++) {
      const p = points[i];
      if (!p || p.c === null) continue;
      known += 1;
      for (const op of OPS) acc[op] = (acc[op] ?? 0) + (p[op] ?? 0);
    }
    if (known > 0) for (const op of OPS) acc[op] = (acc[op] ?? 0) / known;
    out.push(acc);
  }
  return out.reverse();
}

/**
 * Events per second of the last 60 s of a chart's per-second points, for the
 * sparkline beside the total: from the all-tables series every push carries,
 * not from the rows' own sparklines, which off-screen rows no longer bring
 * (their changes come as briefs). A gap second counts as 0 here.
 */
export function lastMinute(points: readonly OpRatePoint[]): number[] {
  return points.slice(-60).map((p) => OPS.reduce((s, op) => s + (p[op] ?? 0), 0));
}
