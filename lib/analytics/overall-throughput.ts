import type { ThroughputPoint } from '../contracts/table-stats';
import { createSecondRing, OP_COLUMNS, SERIES_SECONDS } from './second-ring';
import { throughputColumnOf, type TableRecord } from './table-stats';

export interface OverallThroughput {
  record(rec: TableRecord, now: number): void;
  /**
   * Complete seconds (the current one is still filling) from `fromSec` (or 15
   * minutes back, never before `startedAt`) up to the last complete second,
   * oldest first; seconds without events are zeros.
   */
  points(now: number, fromSec?: number): ThroughputPoint[];
}

/**
 * Throughput of all tables together by op, per second for 15 minutes: the
 * overview chart's history. Kept apart from the tables' own rings so it
 * survives table evictions and costs one ring (~50 KB) whatever the table
 * count, instead of summing 2,000 rings on every read.
 */
export function createOverallThroughput(startedAt: number): OverallThroughput {
  const ring = createSecondRing();
  const startSec = Math.floor(startedAt / 1000);
  return {
    record(rec, now) {
      const i = ring.writeIndex(Math.floor(now / 1000));
      if (i < 0) return;
      const column = throughputColumnOf(rec);
      if (column >= 0) ring.ops[i * OP_COLUMNS + column] = (ring.ops[i * OP_COLUMNS + column] ?? 0) + 1;
      ring.bytes[i] = (ring.bytes[i] ?? 0) + rec.sizeBytes;
    },
    points(now, fromSec) {
      const nowSec = Math.floor(now / 1000);
      const from = Math.max(startSec, nowSec - SERIES_SECONDS + 1, fromSec ?? Number.NEGATIVE_INFINITY);
      const out: ThroughputPoint[] = [];
      for (let s = from; s < nowSec; s++) {
        const i = ring.readIndex(s);
        const o = i * OP_COLUMNS;
        const { ops } = ring;
        out.push(
          i < 0
            ? { t: s * 1000, c: 0, u: 0, d: 0, r: 0, other: 0, bytes: 0 }
            : {
                t: s * 1000,
                c: ops[o] ?? 0,
                u: ops[o + 1] ?? 0,
                d: ops[o + 2] ?? 0,
                r: ops[o + 3] ?? 0,
                other: ops[o + 4] ?? 0,
                bytes: ring.bytes[i] ?? 0,
              },
        );
      }
      return out;
    },
  };
}
