import { Int32Histogram } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { createLagWindow, LAG_MAX_MS, LAG_SLOT_MS } from './lag-window';

/** Start of a slot, so tests can reason in whole slots. */
const T0 = Math.ceil(1_700_000_000_000 / LAG_SLOT_MS) * LAG_SLOT_MS;

function exactPercentile(sorted: number[], p: number): number {
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.max(0, rank - 1)] ?? 0;
}

describe('lag window', () => {
  it('gives percentiles within HDR precision (2 significant digits) and the exact max', () => {
    const w = createLagWindow();
    const values: number[] = [];
    let seed = 7;
    for (let i = 0; i < 20_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      // Log-uniform between 1 ms and ~100 s: every bucket size is exercised.
      const v = Math.round(Math.exp((seed / 2 ** 31) * Math.log(100_000)));
      values.push(v);
      w.record(v, T0 + (i % 50_000));
    }
    values.sort((a, b) => a - b);
    const { m1, m5 } = w.windows(T0 + 50_000);
    expect(m1.count).toBe(20_000);
    for (const p of [50, 95, 99] as const) {
      const exact = exactPercentile(values, p);
      const got = m1[`p${p}`] ?? -1;
      expect(got).toBeGreaterThanOrEqual(exact);
      expect(got).toBeLessThanOrEqual(exact * 1.01 + 1);
    }
    expect(m1.max).toBe(values[values.length - 1]);
    expect(m5).toEqual(m1);
  });

  it('matches hdr-histogram-js getValueAtPercentile across merged slots', () => {
    const w = createLagWindow();
    const reference = new Int32Histogram(1, LAG_MAX_MS, 2);
    let seed = 3;
    let max = 0;
    for (let i = 0; i < 5_000; i++) {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      const v = Math.round((seed / 2 ** 31) ** 3 * 60_000);
      reference.recordValue(v);
      max = Math.max(max, v);
      // Spread over 5 slots so the read merges sealed slots and the current one.
      w.record(v, T0 + Math.floor(i / 1_000) * LAG_SLOT_MS);
    }
    const { m5 } = w.windows(T0 + 4 * LAG_SLOT_MS);
    expect(m5.count).toBe(5_000);
    expect(m5.p50).toBe(Math.min(reference.getValueAtPercentile(50), max));
    expect(m5.p95).toBe(Math.min(reference.getValueAtPercentile(95), max));
    expect(m5.p99).toBe(Math.min(reference.getValueAtPercentile(99), max));
    expect(m5.max).toBe(max);
  });

  it('never reports a percentile above the exact max', () => {
    const w = createLagWindow();
    for (let i = 0; i < 100; i++) w.record(1_000, T0);
    const { m1 } = w.windows(T0);
    expect(m1).toEqual({ count: 100, p50: 1_000, p95: 1_000, p99: 1_000, max: 1_000 });
  });

  it('rolls samples out of the 1-minute window, then the 5-minute one', () => {
    const w = createLagWindow();
    w.record(100, T0);
    w.record(900, T0 + 1);
    const at = (ms: number) => w.windows(T0 + ms);
    expect(at(0).m1.count).toBe(2);
    // 1 minute window = current slot + 2 previous: the samples stay in m1 for 60–90 s.
    expect(at(2 * LAG_SLOT_MS + 29_999).m1.count).toBe(2);
    expect(at(3 * LAG_SLOT_MS).m1).toEqual({ count: 0, p50: null, p95: null, p99: null, max: null });
    expect(at(3 * LAG_SLOT_MS).m5).toMatchObject({ count: 2, max: 900 });
    expect(at(10 * LAG_SLOT_MS + 29_999).m5.count).toBe(2);
    expect(at(11 * LAG_SLOT_MS).m5.count).toBe(0);
  });

  it('separates slots: m1 has only recent samples while m5 has all', () => {
    const w = createLagWindow();
    for (let i = 0; i < 100; i++) w.record(5_000, T0 + i);
    for (let i = 0; i < 100; i++) w.record(10, T0 + 4 * LAG_SLOT_MS + i);
    const { m1, m5 } = w.windows(T0 + 4 * LAG_SLOT_MS + 1_000);
    expect(m1).toMatchObject({ count: 100, p99: 10, max: 10 });
    expect(m5).toMatchObject({ count: 200, p50: 10, max: 5_000 });
    expect(m5.p99).toBeGreaterThanOrEqual(4_950);
  });

  it('survives a 10-minute gap and starts afresh', () => {
    const w = createLagWindow();
    w.record(5_000, T0);
    w.record(20, T0 + 10 * 60_000);
    const { m1, m5 } = w.windows(T0 + 10 * 60_000);
    expect(m1).toMatchObject({ count: 1, max: 20 });
    expect(m5).toMatchObject({ count: 1, max: 20 });
  });

  it('keeps a sample recorded with a clock that stepped back in the current slot', () => {
    const w = createLagWindow();
    w.record(10, T0 + 5 * LAG_SLOT_MS);
    w.record(20, T0 + 4 * LAG_SLOT_MS + 1); // clock went back 30 s
    w.record(30, T0 + 5 * LAG_SLOT_MS + 10);
    expect(w.windows(T0 + 5 * LAG_SLOT_MS + 20).m1).toMatchObject({ count: 3, max: 30 });
    // Reading with an earlier clock neither loses nor duplicates samples.
    expect(w.windows(T0 + 4 * LAG_SLOT_MS).m1.count).toBe(3);
    expect(w.windows(T0 + 5 * LAG_SLOT_MS + 20).m5.count).toBe(3);
  });

  it('clamps negative lag to 0 and huge lag to one hour', () => {
    const w = createLagWindow();
    w.record(-250, T0);
    w.record(50 * 3_600_000, T0);
    expect(w.windows(T0).m1).toMatchObject({ count: 2, p50: 0, max: LAG_MAX_MS });
  });

  it('stays bounded under sustained traffic and frees the recorder when idle', () => {
    const w = createLagWindow();
    let peak = 0;
    for (let t = 0; t < 60 * 60_000; t += 50) {
      w.record(20 + ((t / 50) % 2_000), T0 + t);
      if (t % 60_000 === 0) peak = Math.max(peak, w.footprintBytes());
    }
    // 8 KB recorder + ≤10 sealed slots of ~1.2 KB each for this 20–2,020 ms spread.
    expect(peak).toBeLessThan(30_000);
    w.windows(T0 + 2 * 60 * 60_000);
    expect(w.footprintBytes()).toBe(0);
  });
});
