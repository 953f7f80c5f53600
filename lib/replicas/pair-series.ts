import type { ReplicaDelayPoint } from '../contracts/replicas';
import { SERIES_SECONDS } from '../analytics/second-ring';

/**
 * The per-second chart series of one pair (matches, copy delay, duplicates,
 * divergence, and the only-in gauges sampled at each tick) for the same 15
 * minutes as the table charts, in fixed typed arrays (~25 KB per pair).
 * Bucket `i` holds second `s` where `s % SERIES_SECONDS === i`; `head` is the
 * newest second written, and advancing it clears the buckets it skips.
 */
export interface PairSeries {
  match(delayMs: number, now: number): void;
  duplicate(now: number): void;
  divergent(now: number): void;
  gauges(onlyInA: number, onlyInB: number, now: number): void;
  /** The last `seconds` seconds up to `now`, oldest first. */
  points(now: number, seconds?: number): ReplicaDelayPoint[];
  footprintBytes(): number;
}

/** Gauge value meaning "no tick in this second". */
const NO_SAMPLE = -1;

export function createPairSeries(): PairSeries {
  const matched = new Uint32Array(SERIES_SECONDS);
  const delaySum = new Float64Array(SERIES_SECONDS);
  const delayMax = new Float64Array(SERIES_SECONDS);
  const duplicates = new Uint32Array(SERIES_SECONDS);
  const divergent = new Uint32Array(SERIES_SECONDS);
  const onlyA = new Int32Array(SERIES_SECONDS).fill(NO_SAMPLE);
  const onlyB = new Int32Array(SERIES_SECONDS).fill(NO_SAMPLE);
  let head = Number.NEGATIVE_INFINITY;

  function clear(i: number): void {
    matched[i] = 0;
    delaySum[i] = 0;
    delayMax[i] = 0;
    duplicates[i] = 0;
    divergent[i] = 0;
    onlyA[i] = NO_SAMPLE;
    onlyB[i] = NO_SAMPLE;
  }

  /** Bucket for writing at `now`, or −1 for a second older than the ring (clock stepped far back). */
  function at(now: number): number {
    const sec = Math.floor(now / 1000);
    if (sec > head) {
      const from = sec - head >= SERIES_SECONDS ? sec - SERIES_SECONDS + 1 : head + 1;
      for (let s = from; s <= sec; s++) clear(s % SERIES_SECONDS);
      head = sec;
    }
    return sec <= head - SERIES_SECONDS ? -1 : sec % SERIES_SECONDS;
  }

  return {
    match(delayMs, now) {
      const i = at(now);
      if (i < 0) return;
      matched[i] = (matched[i] ?? 0) + 1;
      delaySum[i] = (delaySum[i] ?? 0) + delayMs;
      if (delayMs > (delayMax[i] ?? 0)) delayMax[i] = delayMs;
    },
    duplicate(now) {
      const i = at(now);
      if (i >= 0) duplicates[i] = (duplicates[i] ?? 0) + 1;
    },
    divergent(now) {
      const i = at(now);
      if (i >= 0) divergent[i] = (divergent[i] ?? 0) + 1;
    },
    gauges(a, b, now) {
      const i = at(now);
      if (i < 0) return;
      onlyA[i] = a;
      onlyB[i] = b;
    },
    points(now, seconds = SERIES_SECONDS) {
      const nowSec = Math.floor(now / 1000);
      const span = Math.min(SERIES_SECONDS, Math.max(0, Math.floor(seconds)));
      const out: ReplicaDelayPoint[] = [];
      for (let s = nowSec - span + 1; s <= nowSec; s++) {
        const valid = s <= head && s > head - SERIES_SECONDS;
        const i = s % SERIES_SECONDS;
        const m = valid ? (matched[i] ?? 0) : 0;
        const ga = valid ? (onlyA[i] ?? NO_SAMPLE) : NO_SAMPLE;
        const gb = valid ? (onlyB[i] ?? NO_SAMPLE) : NO_SAMPLE;
        out.push({
          t: s * 1000,
          matched: m,
          delayMeanMs: m > 0 ? Math.round((delaySum[i] ?? 0) / m) : null,
          delayMaxMs: m > 0 ? (delayMax[i] ?? 0) : null,
          duplicates: valid ? (duplicates[i] ?? 0) : 0,
          divergent: valid ? (divergent[i] ?? 0) : 0,
          onlyInA: ga === NO_SAMPLE ? null : ga,
          onlyInB: gb === NO_SAMPLE ? null : gb,
        });
      }
      return out;
    },
    footprintBytes: () => SERIES_SECONDS * (4 + 8 + 8 + 4 + 4 + 4 + 4),
  };
}
