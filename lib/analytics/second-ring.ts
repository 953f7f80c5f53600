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
