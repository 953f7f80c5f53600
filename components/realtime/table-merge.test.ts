import { describe, expect, it } from 'vitest';
import type { LagWindows, TableDetail } from '@/lib/contracts/table-stats';
import { mergeTableDetail } from './table-merge';

const lw: LagWindows = {
  m1: { count: 0, p50: null, p95: null, p99: null, max: null },
  m5: { count: 0, p50: null, p95: null, p99: null, max: null },
};

function detail(seconds: number[], c: number, partial?: boolean): TableDetail {
  return {
    table: 'db.t',
    tableKey: 's.db.t',
    sourceIds: ['s'],
    channels: ['s.db.t'],
    totals: { c, u: 0, d: 0, r: 0, t: 0, m: 0 },
    tombstones: 0,
    bytes: 0,
    undecodable: 0,
    snapshotEvents: 0,
    streamingEvents: c,
    rate: 0,
    firstEventAt: null,
    lastEventAt: null,
    lag: { capture: lw, endToEnd: lw },
    spark: [],
    throughput: seconds.map((s) => ({ t: s * 1000, c, u: 0, d: 0, r: 0, other: 0, bytes: 0 })),
    lagSeries: seconds.map((s) => ({ t: s * 1000, capture: c, endToEnd: c })),
    ...(partial === undefined ? {} : { partial }),
  };
}

describe('mergeTableDetail', () => {
  it('splices a partial push onto the cached series from its first second on', () => {
    const merged = mergeTableDetail(detail([1, 2, 3, 4], 1), detail([3, 4, 5], 9, true));
    expect(merged.throughput.map((p) => [p.t / 1000, p.c])).toEqual([
      [1, 1],
      [2, 1],
      [3, 9],
      [4, 9],
      [5, 9],
    ]);
    expect(merged.lagSeries.map((p) => p.endToEnd)).toEqual([1, 1, 9, 9, 9]);
    expect(merged.totals.c).toBe(9);
    expect(merged.partial).toBeUndefined();
  });

  it('lets a whole detail replace the cache, and stays partial while nothing whole came', () => {
    expect(mergeTableDetail(detail([1, 2], 1, true), detail([7], 2)).throughput).toHaveLength(1);
    expect(mergeTableDetail(detail([1], 1, true), detail([2], 2, true)).partial).toBe(true);
  });

  it('keeps 15 minutes', () => {
    const merged = mergeTableDetail(detail([0, 1], 1), detail([901], 2, true));
    expect(merged.throughput.map((p) => p.t / 1000)).toEqual([901]);
  });
});
