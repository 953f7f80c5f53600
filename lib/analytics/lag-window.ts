import { Int32Histogram, type JsHistogram } from 'hdr-histogram-js';
import type { LagPercentiles, LagWindows } from '../contracts/table-stats';
import { addSealed, sealHistogram, type SealedHistogram } from './sealed-histogram';

/**
 * Lag percentiles over the last 1 and 5 minutes, with bounded memory.
 *
 * Samples go into an HDR histogram for the current 30-second slot; when the
 * slot ends it is sealed into a compact byte form (see sealed-histogram.ts)
 * and kept for 10 slots. A read merges the slots of a window into one shared
 * scratch histogram and asks it for percentiles.
 *
 * The approximation: windows are whole slots, so "1 minute" covers the
 * current partial slot plus the 2 before it (60–90 s of samples) and
 * "5 minutes" the current plus 10 before (300–330 s). Values are clamped to
 * [0, 1 h] (negative lag is clock skew between the database and this host);
 * histogram buckets keep 2 significant digits, so a percentile is the upper
 * edge of its bucket, less than 1% above the true value, and never above the
 * exact maximum, which is tracked apart.
 */
export const LAG_SLOT_MS = 30_000;
/** Slots before the current one in each window. */
const M1_PAST_SLOTS = 2;
const M5_PAST_SLOTS = 10;
/** Lag values above this are recorded as this; one hour is far past any alerting threshold. */
export const LAG_MAX_MS = 3_600_000;
/** 2 significant digits: <1% error, and a quarter of the memory of 3 digits. */
const SIGNIFICANT_DIGITS = 2;

/** A histogram with the layout every lag window uses, so sealed slots of any window (or instance) add into it. */
export function newLagHistogram(): JsHistogram {
  return new Int32Histogram(1, LAG_MAX_MS, SIGNIFICANT_DIGITS);
}

/** One process-wide merge buffer: reads are synchronous, so they never overlap. */
let scratch: JsHistogram | undefined;

const EMPTY: LagPercentiles = { count: 0, p50: null, p95: null, p99: null, max: null };

/**
 * p50, p95 and p99 in one pass over the buckets (hdr's getValueAtPercentile
 * scans from the start for each), with hdr's own rule: the value at
 * percentile p is the upper edge of the bucket where the running count
 * reaches round(p% × total), at least 1.
 */
export function lagPercentiles(h: JsHistogram, max: number): LagPercentiles {
  const total = h.totalCount;
  if (total === 0) return { ...EMPTY };
  const targets = [
    Math.max(Math.round(0.5 * total), 1),
    Math.max(Math.round(0.95 * total), 1),
    Math.max(Math.round(0.99 * total), 1),
  ];
  const found = [0, 0, 0];
  let next = 0;
  let running = 0;
  for (let i = 0; i < h.countsArrayLength && next < 3; i++) {
    const count = h.getCountAtIndex(i);
    if (count === 0) continue;
    running += count;
    while (next < 3 && running >= (targets[next] ?? 0))
      found[next++] = Math.min(h.highestEquivalentValue(h.valueFromIndex(i)), max);
  }
  return { count: total, p50: found[0] ?? max, p95: found[1] ?? max, p99: found[2] ?? max, max };
}

export interface LagWindow {
  record(lagMs: number, now: number): void;
  windows(now: number): LagWindows;
  /**
   * The 1- and 5-minute windows as sealed histograms with their exact maxima,
   * for another process to merge with its own (a cluster's instances, issue #14).
   */
  sealedWindows(now: number): { m1: SealedHistogram; m5: SealedHistogram };
  /** Bytes held, for memory accounting in tests and the benchmark. */
  footprintBytes(): number;
}

export function createLagWindow(): LagWindow {
  let current: JsHistogram | undefined;
  let currentSlot = Number.NEGATIVE_INFINITY;
  let currentMax = 0;
  let currentCount = 0;
  /** Sealed slots, newest last, at most M5_PAST_SLOTS. */
  let sealed: SealedHistogram[] = [];

  /** Moves the current slot's samples into `sealed` and drops slots no window can reach from `slot`. */
  function sealBefore(slot: number, release: boolean): void {
    if (current !== undefined && currentCount > 0) {
      sealed.push(sealHistogram(current, currentSlot, currentMax));
      current.reset();
    }
    currentCount = 0;
    currentMax = 0;
    currentSlot = slot;
    // Idle tables give their 8 KB recording histogram back; a new one is made on the next sample.
    if (release) current = undefined;
    const oldest = slot - M5_PAST_SLOTS;
    if (sealed.length > 0 && (sealed[0]?.slot ?? 0) < oldest) sealed = sealed.filter((s) => s.slot >= oldest);
  }

  /** Merges the 1-minute window into the shared scratch histogram for `onM1`, then widens it to 5 minutes for `onM5`. */
  function merge<T>(
    now: number,
    onM1: (h: JsHistogram, max: number) => void,
    onM5: (h: JsHistogram, max: number) => T,
  ): T {
    const nowSlot = Math.floor(now / LAG_SLOT_MS);
    if (nowSlot > currentSlot && current !== undefined) sealBefore(nowSlot, true);
    const h = (scratch ??= newLagHistogram());
    h.reset();
    let max = 0;
    const m1From = nowSlot - M1_PAST_SLOTS;
    const m5From = nowSlot - M5_PAST_SLOTS;
    // m1 first, then widen the same merge to m5: one pass over the data.
    if (current !== undefined && currentCount > 0 && currentSlot >= m1From) {
      h.add(current);
      max = Math.max(max, currentMax);
    }
    for (const s of sealed) {
      if (s.slot < m1From) continue;
      addSealed(s, h);
      max = Math.max(max, s.max);
    }
    onM1(h, max);
    for (const s of sealed) {
      if (s.slot < m5From || s.slot >= m1From) continue;
      addSealed(s, h);
      max = Math.max(max, s.max);
    }
    return onM5(h, max);
  }

  return {
    record(lagMs, now) {
      const slot = Math.floor(now / LAG_SLOT_MS);
      // A clock that steps back stays in the current slot: a little misplacement, no corruption.
      if (slot > currentSlot) sealBefore(slot, false);
      const value = lagMs > 0 ? (lagMs < LAG_MAX_MS ? Math.round(lagMs) : LAG_MAX_MS) : 0;
      current ??= newLagHistogram();
      current.recordValue(value);
      currentCount++;
      if (value > currentMax) currentMax = value;
    },

    windows(now) {
      let m1: LagPercentiles = EMPTY;
      const m5 = merge(now, (h, max) => (m1 = lagPercentiles(h, max)), lagPercentiles);
      return { m1, m5 };
    },

    sealedWindows(now) {
      const slot = Math.floor(now / LAG_SLOT_MS);
      let m1: SealedHistogram | undefined;
      const m5 = merge(
        now,
        (h, max) => (m1 = sealHistogram(h, slot, max)),
        (h, max) => sealHistogram(h, slot, max),
      );
      return { m1: m1 ?? m5, m5 };
    },

    footprintBytes() {
      let bytes = current === undefined ? 0 : current.estimatedFootprintInBytes;
      for (const s of sealed) bytes += s.bytes.byteLength + 64;
      return bytes;
    },
  };
}
