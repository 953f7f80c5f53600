import type { LagPoint, ThroughputPoint } from '../contracts/table-stats';
import type { PartialTable } from '../contracts/cluster';
import {
  addSecondRow,
  COL_OTHER,
  createSecondRing,
  OP_COLUMNS,
  readSecondRow,
  SECOND_ROW_LENGTH,
  SERIES_SECONDS,
  type SecondRing,
  type SecondRow,
} from '../analytics/second-ring';
import { PARTIAL_TAIL_SECONDS } from '../analytics/table-stats';

const round1 = (x: number) => Math.round(x * 10) / 10;

/**
 * The cluster's per-second series (issue #14): every instance's snapshot
 * carries the last seconds of each of its tables (`tail`), and this adds them
 * up second by second. A second is settled once it is older than the tail:
 * every live instance has published it by then, so it is summed into a ring
 * (one per table, one for all tables, as lib/analytics keeps them) and its
 * per-instance parts are dropped; newer seconds are summed from those parts
 * on each read. A second an instance published twice counts once (its later
 * row replaces the earlier). History starts when this instance started: the
 * seconds before it are in nobody's snapshot any more.
 *
 * Bound: one ring per table, 900 s × 52 bytes = 46,800 bytes (typed arrays,
 * allocated whole on the table's first settled second), at most `maxTables`
 * of them, so ≤ 94 MB at the default 2,000 whatever the number of instances.
 * Past the cap the table whose ring was written least recently (whose latest
 * second with events is the oldest) is dropped; if it becomes active again
 * it starts a new ring, its earlier seconds gone. The unsettled seconds are
 * the part that grows with instances: about 16 seconds × instances rows per
 * active table, each settled (and dropped) once older than the tails
 * (bench/series-merge-memory.ts measures both).
 */
export function createSeriesMerger({ maxTables, startedAt }: { maxTables: number; startedAt: number }) {
  /** Settled seconds per table; Map order is least recently written first, for the cap. */
  const rings = new Map<string, { ring: SecondRing; firstSec: number }>();
  const overall = createSecondRing();
  /** Unsettled seconds: table → second → incarnation → row. */
  const open = new Map<string, Map<number, Map<string, SecondRow>>>();
  const startSec = Math.floor(startedAt / 1000);
  let settledBefore = startSec;

  function ringOf(table: string, sec: number) {
    let r = rings.get(table);
    if (r) rings.delete(table);
    else {
      r = { ring: createSecondRing(), firstSec: sec };
      while (rings.size >= maxTables) {
        const oldest = rings.keys().next().value;
        if (oldest === undefined) break;
        rings.delete(oldest);
      }
    }
    r.firstSec = Math.min(r.firstSec, sec);
    rings.set(table, r);
    return r.ring;
  }

  /** Sums of the unsettled rows of one table (or of all, `table` undefined) at `sec`. */
  function openRow(table: string | undefined, sec: number): SecondRow | undefined {
    const tables = table === undefined ? [...open.values()] : [open.get(table)].filter((m) => m !== undefined);
    let sum: SecondRow | undefined;
    for (const bySec of tables)
      for (const row of bySec.get(sec)?.values() ?? []) {
        sum ??= new Array<number>(row.length).fill(0);
        for (let k = 0; k < row.length; k++) sum[k] = (sum[k] ?? 0) + (row[k] ?? 0);
      }
    return sum;
  }

  function series(ring: SecondRing | undefined, table: string | undefined, from: number, nowSec: number) {
    const throughput: ThroughputPoint[] = [];
    const lagSeries: LagPoint[] = [];
    for (let s = from; s < nowSec; s++) {
      const scratch = (ring && readSecondRow(ring, s)) || new Array<number>(SECOND_ROW_LENGTH).fill(0);
      const extra = s >= settledBefore ? openRow(table, s) : undefined;
      if (extra) for (let k = 0; k < extra.length; k++) scratch[k] = (scratch[k] ?? 0) + (extra[k] ?? 0);
      const at = (k: number) => scratch[k] ?? 0;
      const t = s * 1000;
      throughput.push({ t, c: at(0), u: at(1), d: at(2), r: at(3), other: at(COL_OTHER), bytes: at(OP_COLUMNS) });
      const [cs, cn, es, en] = [at(OP_COLUMNS + 1), at(OP_COLUMNS + 2), at(OP_COLUMNS + 3), at(OP_COLUMNS + 4)];
      lagSeries.push({ t, capture: cn > 0 ? round1(cs / cn) : null, endToEnd: en > 0 ? round1(es / en) : null });
    }
    return { throughput, lagSeries };
  }

  return {
    /** Takes in the live instances' snapshots' tails and settles the seconds now older than a tail. */
    update(snapshots: readonly { incarnation: string; tables: readonly PartialTable[] }[], nowSec: number): void {
      for (const s of snapshots)
        for (const p of s.tables) {
          if (!p.tail) continue;
          const first = p.tail.end - p.tail.rows.length;
          p.tail.rows.forEach((row, k) => {
            const sec = first + k;
            if (sec < settledBefore || row.every((v) => v === 0)) return;
            let bySec = open.get(p.tableKey);
            if (!bySec) open.set(p.tableKey, (bySec = new Map<number, Map<string, SecondRow>>()));
            let byInstance = bySec.get(sec);
            if (!byInstance) bySec.set(sec, (byInstance = new Map<string, SecondRow>()));
            byInstance.set(s.incarnation, row);
          });
        }
      const settle = nowSec - PARTIAL_TAIL_SECONDS;
      if (settle <= settledBefore) return;
      for (const [table, bySec] of open) {
        for (const [sec, byInstance] of bySec) {
          if (sec >= settle) continue;
          const ring = ringOf(table, sec);
          for (const row of byInstance.values()) {
            addSecondRow(ring, sec, row);
            addSecondRow(overall, sec, row);
          }
          bySec.delete(sec);
        }
        if (bySec.size === 0) open.delete(table);
      }
      settledBefore = settle;
    },

    /** One table's merged series, complete seconds from `fromSec` (default 15 minutes back), oldest first. */
    table(tableKey: string, now: number, fromSec?: number): { throughput: ThroughputPoint[]; lagSeries: LagPoint[] } {
      const nowSec = Math.floor(now / 1000);
      const r = rings.get(tableKey);
      const openSecs = [...(open.get(tableKey)?.keys() ?? [])];
      const firstSec = Math.min(r?.firstSec ?? Infinity, ...openSecs);
      if (firstSec === Infinity) return { throughput: [], lagSeries: [] };
      const from = Math.max(firstSec, nowSec - SERIES_SECONDS + 1, fromSec ?? Number.NEGATIVE_INFINITY);
      return series(r?.ring, tableKey, from, nowSec);
    },

    /** Tables with a merged ring now (at most `maxTables`). */
    tablesKept: () => rings.size,

    /** Bytes in the rings (what `maxTables` bounds); the unsettled rows are counted by the bench, not here. */
    ringBytes: () => (rings.size + 1) * overall.footprintBytes(),

    /** All tables' merged throughput, complete seconds from `fromSec`, never before this instance started. */
    overall(now: number, fromSec?: number): ThroughputPoint[] {
      const nowSec = Math.floor(now / 1000);
      const from = Math.max(startSec, nowSec - SERIES_SECONDS + 1, fromSec ?? Number.NEGATIVE_INFINITY);
      return series(overall, undefined, from, nowSec).throughput;
    },
  };
}

export type SeriesMerger = ReturnType<typeof createSeriesMerger>;
