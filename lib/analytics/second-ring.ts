/**
 * Per-second counters for the last 15 minutes in fixed-size typed arrays:
 * memory is the same whether a table sees one event an hour or 50,000 a
 * second. Bucket `i` holds second `s` where `s % SERIES_SECONDS === i`; `head`
 * is the newest second written, and advancing it zeroes the buckets it skips,
 * so a bucket is valid exactly when its second is in (head − 900, head].
 */
export const SERIES_SECONDS = 900;

/** Column order in `ops`: c, u, d, r, other (t, m, tombstones). */
export const OP_COLUMNS = 5;
export const COL_OTHER = 4;

export interface SecondRing {
  /** Events per op column, `OP_COLUMNS` per bucket. */
  readonly ops: Uint32Array;
  readonly bytes: Float64Array;
  /** Sum and count of capture-lag samples per second (for the mean). */
  readonly captureSum: Float64Array;
  readonly captureCount: Uint32Array;
  readonly e2eSum: Float64Array;
  readonly e2eCount: Uint32Array;
  /** Newest second written, or −∞ before the first write. */
  head(): number;
  /**
   * Bucket index for writing at second `sec`, advancing the ring when `sec`
   * is newer than `head`. A second slightly in the past (clock stepped back)
   * still has its bucket; one older than the ring returns −1 and is dropped.
   */
  writeIndex(sec: number): number;
  /** Bucket index holding second `sec`, or −1 when the ring has nothing for it. */
  readIndex(sec: number): number;
  footprintBytes(): number;
}

export function createSecondRing(): SecondRing {
  const ops = new Uint32Array(SERIES_SECONDS * OP_COLUMNS);
  const bytes = new Float64Array(SERIES_SECONDS);
  const captureSum = new Float64Array(SERIES_SECONDS);
  const captureCount = new Uint32Array(SERIES_SECONDS);
  const e2eSum = new Float64Array(SERIES_SECONDS);
  const e2eCount = new Uint32Array(SERIES_SECONDS);
  let head = Number.NEGATIVE_INFINITY;

  function clear(i: number): void {
    ops.fill(0, i * OP_COLUMNS, i * OP_COLUMNS + OP_COLUMNS);
    bytes[i] = 0;
    captureSum[i] = 0;
    captureCount[i] = 0;
    e2eSum[i] = 0;
    e2eCount[i] = 0;
  }

  function readIndex(sec: number): number {
    if (sec > head || sec <= head - SERIES_SECONDS) return -1;
    return sec % SERIES_SECONDS;
  }

  return {
    ops,
    bytes,
    captureSum,
    captureCount,
    e2eSum,
    e2eCount,
    head: () => head,
    writeIndex(sec) {
      if (sec > head) {
        if (sec - head >= SERIES_SECONDS) {
          for (const a of [ops, bytes, captureSum, captureCount, e2eSum, e2eCount]) a.fill(0);
        } else {
          for (let s = head + 1; s <= sec; s++) clear(s % SERIES_SECONDS);
        }
        head = sec;
      }
      return readIndex(sec);
    },
    readIndex,
    footprintBytes() {
      return (
        ops.byteLength +
        bytes.byteLength +
        captureSum.byteLength +
        captureCount.byteLength +
        e2eSum.byteLength +
        e2eCount.byteLength
      );
    },
  };
}

/**
 * One second of a ring as numbers, for a cluster's other instances to add
 * (issue #14): c, u, d, r, other, bytes, capture-lag sum and count,
 * end-to-end-lag sum and count. Sums and counts rather than means, so merged
 * means are exact.
 */
export type SecondRow = number[];
export const SECOND_ROW_LENGTH = OP_COLUMNS + 5;

export function readSecondRow(ring: SecondRing, sec: number): SecondRow | undefined {
  const i = ring.readIndex(sec);
  if (i < 0) return undefined;
  const row = Array.from(ring.ops.subarray(i * OP_COLUMNS, i * OP_COLUMNS + OP_COLUMNS));
  row.push(
    ring.bytes[i] ?? 0,
    ring.captureSum[i] ?? 0,
    ring.captureCount[i] ?? 0,
    ring.e2eSum[i] ?? 0,
    ring.e2eCount[i] ?? 0,
  );
  return row;
}

/** Adds a row into the ring at `sec` (dropped when older than the ring). */
export function addSecondRow(ring: SecondRing, sec: number, row: readonly number[]): void {
  const i = ring.writeIndex(sec);
  if (i < 0) return;
  for (let c = 0; c < OP_COLUMNS; c++)
    ring.ops[i * OP_COLUMNS + c] = (ring.ops[i * OP_COLUMNS + c] ?? 0) + (row[c] ?? 0);
  const at = (k: number) => row[OP_COLUMNS + k] ?? 0;
  ring.bytes[i] = (ring.bytes[i] ?? 0) + at(0);
  ring.captureSum[i] = (ring.captureSum[i] ?? 0) + at(1);
  ring.captureCount[i] = (ring.captureCount[i] ?? 0) + at(2);
  ring.e2eSum[i] = (ring.e2eSum[i] ?? 0) + at(3);
  ring.e2eCount[i] = (ring.e2eCount[i] ?? 0) + at(4);
}
