/** One reading of the soaking server. */
export type SoakSample = { seconds: number; events: number; rssMiB: number; heapAfterGcMiB: number };

type Spread = { min: number; max: number; median: number; spreadPct: number };

function spread(values: number[]): Spread {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { min: Number.NaN, max: Number.NaN, median: Number.NaN, spreadPct: Number.NaN };
  const min = sorted[0] as number;
  const max = sorted[sorted.length - 1] as number;
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  // The larger excursion from the median, in percent of it: "flat within ±10%" reads this against 10.
  return { min, max, median, spreadPct: (Math.max(max - median, median - min) / median) * 100 };
}

/**
 * RSS and heap after GC of the samples taken after warm-up (the first
 * `warmup` share of the events read), as min, max, median and the larger
 * excursion from the median.
 */
export function summarizeSoak(samples: readonly SoakSample[], warmup: number): { rss: Spread; heap: Spread } {
  const total = samples.at(-1)?.events ?? 0;
  const settled = samples.filter((s) => s.events >= total * warmup);
  return { rss: spread(settled.map((s) => s.rssMiB)), heap: spread(settled.map((s) => s.heapAfterGcMiB)) };
}
