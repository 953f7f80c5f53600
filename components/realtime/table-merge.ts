import type { TableDetail } from '@/lib/contracts/table-stats';

/** A table's series span 15 minutes, as on the server. */
const SERIES_WINDOW_MS = 15 * 60_000;

/** `prev` up to where `next` starts, then `next`, trimmed to the 15 minutes before the newest point. */
export function spliceSeries<P extends { t: number }>(prev: readonly P[], next: readonly P[]): P[] {
  const from = next[0]?.t ?? Number.POSITIVE_INFINITY;
  let cut = prev.length;
  while (cut > 0 && (prev[cut - 1]?.t ?? 0) >= from) cut--;
  const out = prev.slice(0, cut).concat(next);
  const newest = out[out.length - 1]?.t ?? 0;
  let drop = 0;
  while (drop < out.length && (out[drop]?.t ?? 0) <= newest - SERIES_WINDOW_MS) drop++;
  return drop > 0 ? out.slice(drop) : out;
}

/**
 * Applies a table room push to the cached detail. A `partial` push carries
 * only the newest seconds of the series (the server sends what changed, not
 * 15 minutes every beat): they replace the cached seconds from their first
 * one on and the rest is kept. A whole detail replaces the cache. The result
 * stays `partial` only when nothing whole was ever merged in, so a fetch
 * that lands later still fills the history in.
 */
export function mergeTableDetail(prev: TableDetail | undefined, next: TableDetail): TableDetail {
  if (!next.partial || !prev) return next;
  return {
    ...next,
    throughput: spliceSeries(prev.throughput, next.throughput),
    lagSeries: spliceSeries(prev.lagSeries, next.lagSeries),
    partial: prev.partial,
  };
}
