import type { JsHistogram } from 'hdr-histogram-js';

/**
 * A finished histogram slot packed into bytes: for every non-empty bucket,
 * the gap since the previous non-empty bucket index and the count, both as
 * LEB128 varints. Lag values cluster, so most gaps are 1 and most counts fit
 * one or two bytes: a slot with 500 distinct buckets takes ~1.5 KB instead of
 * the 8 KB of the Int32 counts array. The slot is immutable once sealed, so
 * nothing is lost by giving up random access.
 */
export interface SealedHistogram {
  /** Which time slot the samples belong to. */
  slot: number;
  bytes: Uint8Array;
  total: number;
  /** Exact largest sample (the histogram only knows it to 2 significant digits). */
  max: number;
}

/** Largest encoding of one bucket: two 5-byte varints. */
const MAX_BYTES_PER_BUCKET = 10;

function writeVarint(out: Uint8Array, at: number, value: number): number {
  let v = value >>> 0;
  while (v >= 0x80) {
    out[at++] = (v & 0x7f) | 0x80;
    v >>>= 7;
  }
  out[at++] = v;
  return at;
}

/** Encodes the non-empty buckets of `h`. Runs once per slot (every 30 s), so a full scan of the counts array is fine. */
export function sealHistogram(h: JsHistogram, slot: number, max: number): SealedHistogram {
  let nonEmpty = 0;
  for (let i = 0; i < h.countsArrayLength; i++) if (h.getCountAtIndex(i) > 0) nonEmpty++;
  const scratch = new Uint8Array(nonEmpty * MAX_BYTES_PER_BUCKET);
  let at = 0;
  let previous = -1;
  for (let i = 0; i < h.countsArrayLength; i++) {
    const count = h.getCountAtIndex(i);
    if (count === 0) continue;
    at = writeVarint(scratch, at, i - previous);
    at = writeVarint(scratch, at, count);
    previous = i;
  }
  // slice: keep only the used bytes, dropping the worst-case scratch.
  return { slot, bytes: scratch.slice(0, at), total: h.totalCount, max };
}

/**
 * Adds a sealed slot's counts into `into`, which must have the same layout
 * (range and precision). Counts go straight to their bucket index: going
 * through recordValueWithCount would turn each index into a value and back,
 * which was most of the read cost. Only counts and the total are updated;
 * `into` serves percentile queries, and maxima are tracked exactly elsewhere.
 */
export function addSealed(sealed: SealedHistogram, into: JsHistogram): void {
  const bytes = sealed.bytes;
  let at = 0;
  let index = -1;
  while (at < bytes.length) {
    let gap = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[at++] ?? 0;
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while (b & 0x80);
    let count = 0;
    shift = 0;
    do {
      b = bytes[at++] ?? 0;
      count += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    index += gap;
    into.addToCountAtIndex(index, count);
  }
  into.addToTotalCount(sealed.total);
}
