import { describe, expect, it } from 'vitest';
import type { PartialTable } from '../contracts/cluster';
import { PARTIAL_TAIL_SECONDS } from '../analytics/table-stats';
import { createSeriesMerger } from './series-merge';

const T0 = 1_700_000_000;
/** A row: `c` creates, one capture-lag sample of `lag` ms per create, 10 bytes each. */
const row = (c: number, lag = 0) => [c, 0, 0, 0, 0, 10 * c, lag * c, c, lag * c, c];
/** A snapshot of one table whose tail ends before `end`, one row per second from `rows`. */
const snap = (incarnation: string, tableKey: string, end: number, rows: number[][]) => ({
  incarnation,
  tables: [{ tableKey, tail: { end, rows } } as unknown as PartialTable],
});

describe('createSeriesMerger', () => {
  it("adds two instances' seconds, counting a second published twice once", () => {
    const m = createSeriesMerger({ maxTables: 10, startedAt: T0 * 1000 });
    // Instance a publishes seconds T0..T0+2, then again T0+1..T0+3 (overlap); b publishes T0+1..T0+2.
    m.update([snap('a:1', 'orders', T0 + 3, [row(1), row(2), row(3)])], T0 + 3);
    m.update(
      [snap('a:1', 'orders', T0 + 4, [row(2), row(3), row(4)]), snap('b:1', 'orders', T0 + 3, [row(10), row(20)])],
      T0 + 4,
    );
    const { throughput } = m.table('orders', (T0 + 4) * 1000);
    expect(throughput.map((p) => [p.t / 1000 - T0, p.c, p.bytes])).toEqual([
      [0, 1, 10],
      [1, 12, 120],
      [2, 23, 230],
      [3, 4, 40],
    ]);
    expect(m.overall((T0 + 4) * 1000).map((p) => p.c)).toEqual([1, 12, 23, 4]);
  });

  it('keeps settled seconds exact once they leave every tail, and ignores late copies of them', () => {
    const m = createSeriesMerger({ maxTables: 10, startedAt: T0 * 1000 });
    m.update([snap('a:1', 'orders', T0 + 1, [row(5)]), snap('b:1', 'orders', T0 + 1, [row(7)])], T0 + 1);
    const later = T0 + 1 + PARTIAL_TAIL_SECONDS + 5;
    m.update([], later);
    // A late snapshot still carrying the settled second adds nothing.
    m.update([snap('a:1', 'orders', T0 + 1, [row(5)])], later);
    const { throughput } = m.table('orders', later * 1000);
    expect(throughput[0]).toMatchObject({ t: T0 * 1000, c: 12 });
    expect(throughput).toHaveLength(later - T0);
    expect(throughput.slice(1).every((p) => p.c === 0)).toBe(true);
  });

  it('merges lag means weighted by their samples, not as a mean of means', () => {
    const m = createSeriesMerger({ maxTables: 10, startedAt: T0 * 1000 });
    // a: 1 sample of 100 ms; b: 3 samples of 20 ms → (100 + 60) / 4 = 40 ms.
    m.update([snap('a:1', 'orders', T0 + 1, [row(1, 100)]), snap('b:1', 'orders', T0 + 1, [row(3, 20)])], T0 + 1);
    expect(m.table('orders', (T0 + 1) * 1000).lagSeries).toEqual([{ t: T0 * 1000, capture: 40, endToEnd: 40 }]);
    m.update([], T0 + 100);
    expect(m.table('orders', (T0 + 100) * 1000).lagSeries[0]).toEqual({ t: T0 * 1000, capture: 40, endToEnd: 40 });
  });

  it('answers from a given second only, and keeps at most maxTables tables', () => {
    const m = createSeriesMerger({ maxTables: 2, startedAt: T0 * 1000 });
    for (const [k, table] of ['a', 'b', 'c'].entries())
      m.update([snap('x:1', table, T0 + 1 + k, [row(1)])], T0 + 1 + k);
    m.update([], T0 + 100);
    expect(m.table('a', (T0 + 100) * 1000).throughput).toEqual([]);
    expect(m.table('c', (T0 + 100) * 1000, T0 + 98).throughput.map((p) => p.t / 1000 - T0)).toEqual([98, 99]);
    expect(m.table('unknown', (T0 + 100) * 1000)).toEqual({ throughput: [], lagSeries: [] });
  });

  it('past maxTables drops the table least recently active, not the one first seen; rings are 46,800 bytes', () => {
    const m = createSeriesMerger({ maxTables: 2, startedAt: T0 * 1000 });
    const at = (sec: number, tables: string[]) =>
      m.update(
        tables
          .map((t) => snap('x:1', t, sec + 1, [row(1)]).tables[0]!)
          .map((p) => ({ incarnation: 'x:1', tables: [p] })),
        sec + 1 + PARTIAL_TAIL_SECONDS,
      );
    at(T0 + 1, ['a', 'b']);
    at(T0 + 20, ['a']); // a is busy, b has been quiet since T0 + 1
    at(T0 + 40, ['c']); // a third table: b goes, a stays
    const now = (T0 + 60) * 1000;
    expect(m.tablesKept()).toBe(2);
    expect(m.table('b', now).throughput).toEqual([]);
    expect(m.table('a', now).throughput.filter((p) => p.c > 0)).toHaveLength(2);
    expect(m.table('c', now).throughput.filter((p) => p.c > 0)).toHaveLength(1);
    // Two table rings and the all-tables ring.
    expect(m.ringBytes()).toBe(3 * 46_800);
  });
});
