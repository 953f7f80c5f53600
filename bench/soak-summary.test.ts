import { expect, it } from 'vitest';
import { summarizeSoak } from './soak-summary';

it('summarizes only the samples after warm-up and measures the larger excursion from the median', () => {
  const samples = [
    { seconds: 10, events: 100, rssMiB: 100, heapAfterGcMiB: 40 },
    { seconds: 20, events: 300, rssMiB: 200, heapAfterGcMiB: 60 },
    { seconds: 30, events: 600, rssMiB: 210, heapAfterGcMiB: 62 },
    { seconds: 40, events: 1000, rssMiB: 220, heapAfterGcMiB: Number.NaN },
  ];
  const s = summarizeSoak(samples, 0.25);
  expect(s.rss).toEqual({ min: 200, max: 220, median: 210, spreadPct: (10 / 210) * 100 });
  // A window without a full GC yet (NaN) is left out, not read as zero.
  expect(s.heap.min).toBe(60);
  expect(s.heap.max).toBe(62);
});
