import { describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../contracts/change-event';
import { decodeMessage } from '../debezium/decode-message';
import { changeAt, garbageFixtures, rawFrom } from '../debezium/fixtures';
import { LAG_SLOT_MS } from './lag-window';
import { createTableStats, MAX_CHANNELS_PER_TABLE, type TableRecord } from './table-stats';

/** A whole second, so "complete seconds" are easy to reason about. */
const T = 1_700_000_010_000;
const KEY = 'pg.inventory.customers';

function tableRecord(r: DecodedRecord): TableRecord {
  if (r.kind !== 'change' && r.kind !== 'tombstone' && r.kind !== 'undecodable') throw new Error(r.kind);
  return r;
}
const at = (now: number, extra: Parameters<typeof changeAt>[0] = {}) => tableRecord(changeAt({ now, ...extra }));

describe('table stats: counting', () => {
  it('counts ops, tombstones, undecodables, bytes, snapshot vs streaming', () => {
    const s = createTableStats(KEY, T);
    const recs = [
      at(T, { op: 'c' }),
      at(T, { op: 'u' }),
      at(T, { op: 'u' }),
      at(T, { op: 'd' }),
      at(T, { op: 'r', snapshot: 'true' }),
      at(T, { op: 't' }),
    ];
    for (const r of recs) s.record(r, T);
    const tomb = tableRecord(decodeMessage(rawFrom({ topic: KEY, key: { id: 1 }, value: null, receivedAt: T })));
    const bad = tableRecord(decodeMessage(garbageFixtures.notJson));
    s.record(tomb, T);
    s.record(bad, T);
    const sum = s.summary(T + 1_000);
    expect(sum.totals).toEqual({ c: 1, u: 2, d: 1, r: 1, t: 1, m: 0 });
    expect(sum).toMatchObject({
      table: 'inventory.customers',
      tableKey: KEY,
      serverName: 'pg',
      tombstones: 1,
      undecodable: 1,
      snapshotEvents: 1,
      streamingEvents: 5,
    });
    expect(sum.bytes).toBe([...recs, tomb, bad].reduce((n, r) => n + r.sizeBytes, 0));
    expect(sum.sourceIds).toEqual(['kafka-test']);
    expect(sum.channels).toEqual([KEY]);
    expect(sum.firstEventAt).toBe(T);
    expect(sum.lastEventAt).toBe(T);
    const point = s.detail(T + 1_000).throughput[0];
    // Undecodables count in bytes but not in throughput; t and tombstones go to `other`.
    expect(point).toEqual({ t: T, c: 1, u: 2, d: 1, r: 1, other: 2, bytes: sum.bytes });
  });

  it('computes rate over the last 10 complete seconds and a 60-second spark', () => {
    const s = createTableStats(KEY, T);
    for (let sec = 0; sec < 70; sec++)
      for (let k = 0; k < sec; k++) s.record(at(T + sec * 1_000 + k), T + sec * 1_000 + k);
    const sum = s.summary(T + 70_000);
    expect(sum.spark).toHaveLength(60);
    expect(sum.spark[0]).toBe(10);
    expect(sum.spark[59]).toBe(69);
    expect(sum.rate).toBeCloseTo((60 + 69) / 2, 5);
    // The current partial second is left out of both.
    s.record(at(T + 70_500), T + 70_500);
    expect(s.summary(T + 70_900).spark[59]).toBe(69);
  });

  it('keeps 15 minutes of series, oldest first, never before the first event', () => {
    const s = createTableStats(KEY, T);
    s.record(at(T), T);
    expect(s.detail(T + 4_000).throughput.map((p) => p.t)).toEqual([T, T + 1_000, T + 2_000, T + 3_000, T + 4_000]);
    for (let sec = 1; sec <= 1_200; sec++) s.record(at(T + sec * 1_000), T + sec * 1_000);
    const d = s.detail(T + 1_200_000);
    expect(d.throughput).toHaveLength(900);
    expect(d.lagSeries).toHaveLength(900);
    expect(d.throughput[0]?.t).toBe(T + 301_000);
    expect(d.throughput.at(-1)).toMatchObject({ t: T + 1_200_000, c: 1 });
  });

  it('bounds the sources list', () => {
    const s = createTableStats(KEY, T);
    for (let i = 0; i < 100; i++) s.record(at(T, { topic: `pg.inventory.customers`, sourceId: `src-${i}` }), T);
    const sum = s.summary(T);
    expect(sum.sourceIds).toHaveLength(16);
    expect(MAX_CHANNELS_PER_TABLE).toBe(16);
  });
});

describe('table stats: lag', () => {
  it('records capture and end-to-end lag as percentiles and per-second means', () => {
    const s = createTableStats(KEY, T);
    s.record(at(T, { captureLagMs: 20, e2eLagMs: 100 }), T);
    s.record(at(T + 10, { captureLagMs: 40, e2eLagMs: 300 }), T + 10);
    const d = s.detail(T + 1_000);
    expect(d.lag.capture.m1).toMatchObject({ count: 2, p50: 20, p99: 40, max: 40 });
    expect(d.lag.endToEnd.m1).toMatchObject({ count: 2, p50: 100, max: 300 });
    expect(d.lagSeries[0]).toEqual({ t: T, capture: 30, endToEnd: 200 });
    expect(d.lagSeries[1]).toEqual({ t: T + 1_000, capture: null, endToEnd: null });
  });

  it('ignores missing or zero commit times (some snapshot rows)', () => {
    const s = createTableStats(KEY, T);
    s.record(at(T, { e2eLagMs: T }), T); // source.ts_ms = 0
    expect(s.summary(T).lag.endToEnd.m1.count).toBe(0);
  });

  it('rolls lag windows over with time alone', () => {
    const s = createTableStats(KEY, T);
    s.record(at(T), T);
    expect(s.summary(T).lag.endToEnd.m1.count).toBe(1);
    expect(s.summary(T + 4 * LAG_SLOT_MS).lag.endToEnd).toMatchObject({ m1: { count: 0 }, m5: { count: 1 } });
    expect(s.summary(T + 12 * LAG_SLOT_MS).lag.endToEnd.m5.count).toBe(0);
  });
});

describe('table stats: time oddities', () => {
  it('handles 10 minutes of silence followed by one event', () => {
    const s = createTableStats(KEY, T);
    for (let i = 0; i < 50; i++) s.record(at(T + i * 10), T + i * 10);
    const later = T + 10 * 60_000;
    s.record(at(later), later);
    const d = s.detail(later + 1_000);
    expect(d.totals.c).toBe(51);
    expect(d.throughput[0]).toMatchObject({ t: T, c: 50 });
    expect(d.throughput.slice(1, -2).every((p) => p.c === 0 && p.bytes === 0)).toBe(true);
    expect(d.throughput.at(-2)).toMatchObject({ t: later, c: 1 });
    expect(d.rate).toBeCloseTo(0.1, 5);
    expect(d.lag.endToEnd.m1.count).toBe(1);
  });

  it('puts an event from a clock that stepped back into its own second without corrupting later ones', () => {
    const s = createTableStats(KEY, T);
    s.record(at(T + 5_000), T + 5_000);
    s.record(at(T + 3_000), T + 3_000);
    s.record(at(T + 5_100), T + 5_100);
    const d = s.detail(T + 6_000);
    expect(d.throughput.map((p) => p.c)).toEqual([1, 0, 2, 0]);
    expect(d.firstEventAt).toBe(T + 3_000);
    expect(d.lastEventAt).toBe(T + 5_100);
    expect(d.totals.c).toBe(3);
  });

  it('counts an event from far in the past in totals only', () => {
    const s = createTableStats(KEY, T);
    s.record(at(T + 2_000_000), T + 2_000_000);
    s.record(at(T), T);
    const d = s.detail(T + 2_000_000);
    expect(d.totals.c).toBe(2);
    expect(d.throughput.reduce((n, p) => n + p.c, 0)).toBe(1);
  });

  it('reads with a clock behind the last record without throwing or inventing data', () => {
    const s = createTableStats(KEY, T);
    s.record(at(T + 10_000), T + 10_000);
    const d = s.detail(T + 5_000);
    expect(d.totals.c).toBe(1);
    expect(d.throughput.reduce((n, p) => n + p.c, 0)).toBe(0);
  });
});

describe('table stats: memory', () => {
  it('has a footprint independent of traffic volume', () => {
    const s = createTableStats(KEY, T);
    const sizes: number[] = [];
    for (let minute = 0; minute < 20; minute++) {
      for (let i = 0; i < 3_000; i++) {
        const now = T + minute * 60_000 + i * 20;
        s.record(at(now, { e2eLagMs: 50 + (i % 700), captureLagMs: 5 + (i % 90) }), now);
      }
      s.summary(T + (minute + 1) * 60_000);
      sizes.push(s.footprintBytes());
    }
    const steady = sizes.slice(6);
    expect(Math.max(...steady)).toBeLessThan(100_000);
    expect(Math.max(...steady) - Math.min(...steady)).toBeLessThan(10_000);
    // 60,000 records take well under a second alone; room for a machine shared with other work.
  }, 30_000);
});
