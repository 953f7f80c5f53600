import { describe, expect, it } from 'vitest';
import type { OverviewSnapshot } from '@/lib/contracts/socket-events';
import type { LagWindows, TableSummary } from '@/lib/contracts/table-stats';
import { createThroughputHistory, downsample } from './throughput-history';

const lw: LagWindows = {
  m1: { count: 0, p50: null, p95: null, p99: null, max: null },
  m5: { count: 0, p50: null, p95: null, p99: null, max: null },
};

function table(name: string, c: number, u = 0): TableSummary {
  return {
    table: name,
    tableKey: name,
    sourceIds: ['s'],
    channels: [name],
    totals: { c, u, d: 0, r: 0, t: 0, m: 0 },
    tombstones: 0,
    bytes: 0,
    undecodable: 0,
    snapshotEvents: 0,
    streamingEvents: c + u,
    rate: 0,
    firstEventAt: null,
    lastEventAt: null,
    lag: { capture: lw, endToEnd: lw },
    spark: [],
  };
}
const snap = (tables: TableSummary[]): OverviewSnapshot => ({ at: 0, full: true, sources: [], tables, removed: [] });

describe('createThroughputHistory', () => {
  it('turns cumulative totals into per-second rates by op', () => {
    const h = createThroughputHistory();
    const t0 = 1_000_000;
    h.add(snap([table('a', 100)]), t0);
    h.add(snap([table('a', 105, 2)]), t0 + 1000);
    h.add(snap([table('a', 108, 2)]), t0 + 1500);
    h.add(snap([table('a', 110, 3), table('b', 5000)]), t0 + 2000);
    const pts = h.points(t0 + 3000);
    expect(pts.map((p) => [p.t - t0, p.c, p.u])).toEqual([
      [1000, 8, 2],
      // table b appears: baseline only, no spike
      [2000, 2, 1],
    ]);
  });

  it('spreads a delta seen after a gap and fills idle seconds with zeros', () => {
    const h = createThroughputHistory();
    const t0 = 2_000_000;
    h.add(snap([table('a', 0)]), t0);
    h.add(snap([table('a', 40)]), t0 + 4000);
    const pts = h.points(t0 + 7000);
    expect(pts.map((p) => p.c)).toEqual([10, 10, 10, 10, 0, 0]);
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
});
