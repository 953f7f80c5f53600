import { describe, expect, it } from 'vitest';
import type { ThroughputPoint } from '@/lib/contracts/table-stats';
import { chartPoints, downsample, HISTORY_WINDOW_MS, mergeThroughput } from './throughput-history';

const pt = (t: number, c: number): ThroughputPoint => ({ t, c, u: 0, d: 0, r: 0, other: 0, bytes: 0 });

describe('mergeThroughput', () => {
  it('unions by second, the incoming run winning, oldest first', () => {
    const merged = mergeThroughput([pt(1000, 1), pt(2000, 2)], [pt(2000, 5), pt(3000, 3)]);
    expect(merged.map((p) => [p.t, p.c])).toEqual([
      [1000, 1],
      [2000, 5],
      [3000, 3],
    ]);
  });

  it('keeps only the 15 minutes before the newest second', () => {
    const merged = mergeThroughput([pt(0, 1)], [pt(HISTORY_WINDOW_MS, 2)]);
    expect(merged.map((p) => p.t)).toEqual([HISTORY_WINDOW_MS]);
  });
});

describe('chartPoints', () => {
  it('draws missed seconds as gaps, never zeros or interpolations, up to the last complete second', () => {
    const t0 = 1_000_000;
    const pts = chartPoints([pt(t0, 4), pt(t0 + 1000, 0), pt(t0 + 4000, 6)], t0 + 6500);
    // The newest second (5 s) is due with the next push: not drawn as a gap yet.
    expect(pts.map((p) => [p.t - t0, p.c])).toEqual([
      [0, 4],
      [1000, 0],
      [2000, null],
      [3000, null],
      [4000, 6],
    ]);
    // Nothing received for longer than a push: the right edge is a gap too.
    expect(chartPoints([pt(t0, 4)], t0 + 4500).map((p) => p.c)).toEqual([4, null, null, null]);
  });

  it('is empty before any second is known', () => {
    expect(chartPoints([], 5000)).toEqual([]);
  });
});

describe('downsample', () => {
  it('averages groups aligned on the newest point', () => {
    const pts = [1, 2, 3, 4, 5].map((c, i) => ({ t: i * 1000, c, u: 0, d: 0, r: 0, other: 0 }));
    expect(downsample(pts, 3).map((p) => [p.t, p.c])).toEqual([
      [0, 1],
      [1000, 2.5],
      [3000, 4.5],
    ]);
    expect(downsample(pts, 10)).toHaveLength(5);
  });

  it('averages over known seconds and keeps a wholly unknown group a gap', () => {
    const gap = (t: number) => ({ t, c: null, u: null, d: null, r: null, other: null });
    const pts = [gap(0), gap(1000), { t: 2000, c: 4, u: 0, d: 0, r: 0, other: 0 }, gap(3000)];
    expect(downsample(pts, 2).map((p) => p.c)).toEqual([null, 4]);
  });
});
