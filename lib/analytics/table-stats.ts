import type { ChangeRecord, Op, TombstoneRecord, UndecodableRecord } from '../contracts/change-event';
import { channelOf } from '../contracts/raw-message';
import type {
  LagPoint,
  LagWindows,
  OpCounts,
  TableDetail,
  TableSummary,
  ThroughputPoint,
} from '../contracts/table-stats';
import { serverNameOf } from '../debezium/table-identity';
import { commitMsOf, processedMsOf } from '../lag/clock-resolution';
import { createBoundedSet } from './bounded-set';
import { createLagWindow, LAG_MAX_MS, LAG_SLOT_MS } from './lag-window';
import type { SealedHistogram } from './sealed-histogram';
import {
  COL_OTHER as OTHER_COLUMN,
  createSecondRing,
  OP_COLUMNS as OP_COLUMN_COUNT,
  readSecondRow,
  SECOND_ROW_LENGTH,
  SERIES_SECONDS as RING_SECONDS,
  type SecondRow,
} from './second-ring';

const EMPTY_ROW: readonly number[] = new Array<number>(SECOND_ROW_LENGTH).fill(0);

// Local copies: some loaders (tsx) turn imported bindings into getter calls, which show up in hot loops.
const COL_OTHER = OTHER_COLUMN;
const OP_COLUMNS = OP_COLUMN_COUNT;
const SERIES_SECONDS = RING_SECONDS;

/** Records a table row is built from. */
export type TableRecord = ChangeRecord | TombstoneRecord | UndecodableRecord;

/** Sources and channels remembered per table: enough for any sane topology, bounded for a runaway wildcard. */
export const MAX_SOURCES_PER_TABLE = 16;
export const MAX_CHANNELS_PER_TABLE = 16;
/** `rate` averages this many complete seconds: smooth enough to read, quick enough to follow a burst. */
const RATE_SECONDS = 10;
/** Sparkline length in seconds. */
const SPARK_SECONDS = 60;

/** Throughput column per op; truncates and logical messages share `other` with tombstones. */
const OP_COLUMN: Record<Op, number> = { c: 0, u: 1, d: 2, r: 3, t: COL_OTHER, m: COL_OTHER };

/** The throughput column a record counts in, or −1 (undecodable records are counted apart, not as throughput). */
export function throughputColumnOf(rec: TableRecord): number {
  if (rec.kind === 'change') return OP_COLUMN[rec.op];
  return rec.kind === 'tombstone' ? COL_OTHER : -1;
}

export interface TableStats {
  readonly tableKey: string;
  record(rec: TableRecord, now: number): void;
  summary(now: number): TableSummary;
  /** Summary plus series: 15 minutes, or only the seconds from `fromSec` on (a push of what changed). */
  detail(now: number, fromSec?: number): TableDetail;
  /** The summary with its lag windows as sealed histograms, for a cluster's other instances to merge (issue #14). */
  partial(now: number): PartialTableStats;
  /** Time of the last record (the `now` it was recorded with), or the creation time. */
  lastUpdatedAt(): number;
  /** Bytes held by the fixed and the slot-based structures (not JS object overhead). */
  footprintBytes(): number;
}

/** A summary whose lag windows are histograms to merge, not percentiles (lib/cluster/ packs them for the wire). */
export type PartialTableStats = Omit<TableSummary, 'lag'> & {
  lag: Record<'capture' | 'endToEnd', Record<'m1' | 'm5', SealedHistogram>>;
  /** The epoch second after the spark's last complete second. */
  sparkEnd: number;
  /**
   * The last PARTIAL_TAIL_SECONDS complete seconds of the series, rows of
   * readSecondRow ending before `end`, for the merged charts
   * (lib/cluster/series-merge.ts); absent when they were all empty.
   */
  tail?: { end: number; rows: SecondRow[] };
};

/**
 * Seconds of series each cluster snapshot carries: more than the longest
 * publish period (10 s), so every complete second reaches the others in at
 * least one snapshot, with a few to spare for a late publish.
 */
export const PARTIAL_TAIL_SECONDS = 15;

function clampLag(ms: number): number {
  return ms > 0 ? (ms < LAG_MAX_MS ? ms : LAG_MAX_MS) : 0;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

/** `a[i] += v` for typed arrays under noUncheckedIndexedAccess (callers pass valid indexes). */
function bump(a: Float64Array | Uint32Array, i: number, v: number): void {
  a[i] = (a[i] ?? 0) + v;
}

/**
 * Live statistics of one table (one `<serverName>.<table>` key): totals,
 * per-second throughput and mean lag for 15 minutes, lag percentiles over 1
 * and 5 minutes. Memory is fixed (~47 KB of per-second arrays, plus up to
 * two 8 KB recording histograms and the sealed lag slots) whatever the
 * traffic. Time is whatever `now` the caller passes; a clock that steps back
 * lands in the bucket of its own second when the ring still has it.
 */
export function createTableStats(tableKey: string, now: number): TableStats {
  const ring = createSecondRing();
  const captureLag = createLagWindow();
  const e2eLag = createLagWindow();
  const sourceIds = createBoundedSet(MAX_SOURCES_PER_TABLE);
  const channels = createBoundedSet(MAX_CHANNELS_PER_TABLE);
  const totals: OpCounts = { c: 0, u: 0, d: 0, r: 0, t: 0, m: 0 };
  let table: string | undefined;
  let serverName: string | undefined;
  let tombstones = 0;
  let undecodable = 0;
  let bytes = 0;
  let snapshotEvents = 0;
  let streamingEvents = 0;
  let firstEventAt: number | null = null;
  let lastEventAt: number | null = null;
  let updatedAt = now;
  let lagSamples = 0;
  let lagCache: { samples: number; slot: number; value: { capture: LagWindows; endToEnd: LagWindows } } | undefined;

  function recordLag(rec: ChangeRecord, i: number, now: number): void {
    // The finest time the envelope offers (µs where Debezium writes ts_us/ts_ns).
    const committed = commitMsOf(rec);
    // Some connectors write 0 for snapshot rows: no commit time, no lag.
    if (committed === undefined || committed <= 0) return;
    const e2e = clampLag(rec.receivedAt - committed);
    e2eLag.record(e2e, now);
    if (i >= 0) {
      bump(ring.e2eSum, i, e2e);
      bump(ring.e2eCount, i, 1);
    }
    const processed = processedMsOf(rec);
    if (processed !== undefined) {
      const capture = clampLag(processed - committed);
      captureLag.record(capture, now);
      if (i >= 0) {
        bump(ring.captureSum, i, capture);
        bump(ring.captureCount, i, 1);
      }
    }
    lagSamples++;
  }

  function lagWindows(now: number) {
    const slot = Math.floor(now / LAG_SLOT_MS);
    if (lagCache === undefined || lagCache.samples !== lagSamples || lagCache.slot !== slot) {
      lagCache = {
        samples: lagSamples,
        slot,
        value: { capture: captureLag.windows(now), endToEnd: e2eLag.windows(now) },
      };
    }
    return lagCache.value;
  }

  /** Events per second (all columns) for complete seconds [from, to). */
  function eventsPerSecond(from: number, to: number): number[] {
    const out: number[] = [];
    for (let s = from; s < to; s++) {
      const i = ring.readIndex(s);
      let n = 0;
      if (i >= 0) for (let c = 0; c < OP_COLUMNS; c++) n += ring.ops[i * OP_COLUMNS + c] ?? 0;
      out.push(n);
    }
    return out;
  }

  function summary(now: number): TableSummary {
    const nowSec = Math.floor(now / 1000);
    // Complete seconds only: the current one is still filling and would read as a dip.
    const spark = eventsPerSecond(nowSec - SPARK_SECONDS, nowSec);
    let recent = 0;
    for (let k = spark.length - RATE_SECONDS; k < spark.length; k++) recent += spark[k] ?? 0;
    return {
      table: table ?? tableKey,
      tableKey,
      serverName,
      sourceIds: sourceIds.values(),
      channels: channels.values(),
      totals: { ...totals },
      tombstones,
      bytes,
      undecodable,
      snapshotEvents,
      streamingEvents,
      rate: recent / RATE_SECONDS,
      firstEventAt,
      lastEventAt,
      lag: lagWindows(now),
      spark,
    };
  }

  return {
    tableKey,

    record(rec, now) {
      const i = ring.writeIndex(Math.floor(now / 1000));
      updatedAt = Math.max(updatedAt, now);
      firstEventAt = firstEventAt === null ? now : Math.min(firstEventAt, now);
      lastEventAt = lastEventAt === null ? now : Math.max(lastEventAt, now);
      bytes += rec.sizeBytes;
      sourceIds.add(rec.sourceId);
      channels.add(channelOf(rec.origin));
      let column = -1;
      if (rec.kind === 'change') {
        totals[rec.op]++;
        column = OP_COLUMN[rec.op];
        if (rec.source.snapshot === 'false') streamingEvents++;
        else snapshotEvents++;
        // The source block names the table authoritatively; guesses from channels only fill a gap.
        table = rec.table;
        serverName = serverNameOf(rec) ?? serverName;
        recordLag(rec, i, now);
      } else {
        if (rec.kind === 'tombstone') {
          tombstones++;
          column = COL_OTHER;
        } else {
          undecodable++;
        }
        table ??= rec.table;
        serverName ??= serverNameOf(rec);
      }
      if (i >= 0) {
        if (column >= 0) bump(ring.ops, i * OP_COLUMNS + column, 1);
        bump(ring.bytes, i, rec.sizeBytes);
      }
    },

    summary,

    partial(now) {
      const { lag: _lag, ...rest } = summary(now);
      const end = Math.floor(now / 1000);
      const rows: SecondRow[] = [];
      let any = false;
      for (let s = end - PARTIAL_TAIL_SECONDS; s < end; s++) {
        const row = readSecondRow(ring, s) ?? [...EMPTY_ROW];
        any ||= row.some((v) => v !== 0);
        rows.push(row);
      }
      return Object.assign(rest, {
        lag: { capture: captureLag.sealedWindows(now), endToEnd: e2eLag.sealedWindows(now) },
        sparkEnd: end,
        ...(any ? { tail: { end, rows } } : {}),
      });
    },

    detail(now, fromSec) {
      const nowSec = Math.floor(now / 1000);
      const throughput: ThroughputPoint[] = [];
      const lagSeries: LagPoint[] = [];
      if (firstEventAt !== null) {
        // Up to 15 minutes ending with the current (partial) second, never before the first event.
        const from = Math.max(Math.floor(firstEventAt / 1000), nowSec - SERIES_SECONDS + 1, fromSec ?? 0);
        for (let s = from; s <= nowSec; s++) {
          const i = ring.readIndex(s);
          const t = s * 1000;
          if (i < 0) {
            throughput.push({ t, c: 0, u: 0, d: 0, r: 0, other: 0, bytes: 0 });
            lagSeries.push({ t, capture: null, endToEnd: null });
            continue;
          }
          const o = i * OP_COLUMNS;
          const { ops } = ring;
          throughput.push({
            t,
            c: ops[o] ?? 0,
            u: ops[o + 1] ?? 0,
            d: ops[o + 2] ?? 0,
            r: ops[o + 3] ?? 0,
            other: ops[o + COL_OTHER] ?? 0,
            bytes: ring.bytes[i] ?? 0,
          });
          const cn = ring.captureCount[i] ?? 0;
          const en = ring.e2eCount[i] ?? 0;
          lagSeries.push({
            t,
            capture: cn > 0 ? round1((ring.captureSum[i] ?? 0) / cn) : null,
            endToEnd: en > 0 ? round1((ring.e2eSum[i] ?? 0) / en) : null,
          });
        }
      }
      // Assigned, not spread: `{...summary, more}` takes V8's slow clone path and yields a slow dictionary object.
      return Object.assign(summary(now), { throughput, lagSeries });
    },

    lastUpdatedAt: () => updatedAt,

    footprintBytes() {
      return ring.footprintBytes() + captureLag.footprintBytes() + e2eLag.footprintBytes();
    },
  };
}
