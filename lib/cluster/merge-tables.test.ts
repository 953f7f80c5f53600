import { describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../contracts/change-event';
import { instanceSnapshotSchema, type PartialTable } from '../contracts/cluster';
import { changeAt } from '../debezium/fixtures';
import { createTableStats, type TableRecord, type TableStats } from '../analytics/table-stats';
import { archivedAsPartial, mergeTables } from './merge-tables';
import { packPartial } from './partial-table';

const T = 1_700_000_010_000;
const KEY = 'pg.inventory.customers';

function rec(r: DecodedRecord): TableRecord {
  if (r.kind !== 'change') throw new Error(r.kind);
  return r;
}

/** 600 changes over 20 s with varied ops and lags: enough spread for distinct percentiles. */
function input(): { rec: TableRecord; now: number }[] {
  const ops = ['c', 'u', 'u', 'd', 'r'] as const;
  return Array.from({ length: 600 }, (_, i) => {
    const now = T + i * 33;
    return {
      now,
      rec: rec(changeAt({ now, op: ops[i % ops.length], e2eLagMs: 50 + ((i * 37) % 900), captureLagMs: 5 + (i % 40) })),
    };
  });
}

/** JSON out and parsed back in with the wire schema, as Redis would carry it. */
function overTheWire(stats: TableStats[], now: number): PartialTable[] {
  const snapshot = {
    instanceId: 'x',
    incarnation: 'x1',
    at: now,
    partitions: {},
    tables: stats.map((s) => packPartial(s.partial(now))),
  };
  return instanceSnapshotSchema.parse(JSON.parse(JSON.stringify(snapshot))).tables;
}

describe("merging instances' partial table statistics", () => {
  it('gives what one instance gives on the same input: counts, rates, sparks and lag percentiles', () => {
    const whole = createTableStats(KEY, T);
    const parts = [createTableStats(KEY, T), createTableStats(KEY, T), createTableStats(KEY, T)];
    input().forEach(({ rec, now }, i) => {
      whole.record(rec, now);
      parts[(i * 7) % 3]?.record(rec, now);
    });
    const now = T + 25_000;
    const merged = mergeTables(overTheWire(parts, now), Math.floor(now / 1000));
    expect(merged).toHaveLength(1);
    const { version: _v, ...one } = whole.summary(now);
    const { version: _m, ...got } = merged[0]!;
    expect(got).toEqual(one);
    expect(got.totals).toEqual({ c: 120, u: 240, d: 120, r: 120, t: 0, m: 0 });
    expect(got.lag.endToEnd.m1.p99).not.toBe(got.lag.endToEnd.m1.p50);
  });

  it('aligns sparks published at different seconds, and keeps archived counts without windows', () => {
    const a = createTableStats(KEY, T);
    const b = createTableStats(KEY, T);
    a.record(rec(changeAt({ now: T })), T);
    b.record(rec(changeAt({ now: T + 2_000, op: 'u' })), T + 2_000);
    // a published a second before b: its spark ends a second earlier.
    const pa = overTheWire([a], T + 4_000)[0]!;
    const pb = overTheWire([b], T + 5_000)[0]!;
    const archived = archivedAsPartial(
      { ...pa, totals: { c: 5, u: 0, d: 0, r: 0, t: 0, m: 0 }, firstEventAt: T - 60_000 },
      T / 1000 + 5,
    );
    const [m] = mergeTables([pa, pb, archived], T / 1000 + 5);
    expect(m!.totals).toEqual({ c: 6, u: 1, d: 0, r: 0, t: 0, m: 0 });
    expect(m!.firstEventAt).toBe(T - 60_000);
    expect(m!.lastEventAt).toBe(T + 2_000);
    // Seconds T and T+2 are the 5th and 3rd last complete seconds before T+5.
    expect(m!.spark.slice(-5)).toEqual([1, 0, 1, 0, 0]);
    expect(m!.lag.endToEnd.m1.count).toBe(2);
  });

  it('keeps tables apart and unites sources and channels', () => {
    const a = createTableStats(KEY, T);
    const b = createTableStats('pg.inventory.orders', T);
    a.record(rec(changeAt({ now: T, sourceId: 's1' })), T);
    const a2 = createTableStats(KEY, T);
    a2.record(rec(changeAt({ now: T, sourceId: 's2' })), T);
    b.record(rec(changeAt({ now: T, topic: 'pg.inventory.orders' })), T);
    const merged = mergeTables(overTheWire([a, b, a2], T + 1_000), T / 1000 + 1);
    expect(merged.map((t) => t.tableKey)).toEqual([KEY, 'pg.inventory.orders']);
    expect(merged[0]!.sourceIds).toEqual(['s1', 's2']);
    expect(merged[0]!.totals.c).toBe(2);
  });
});
