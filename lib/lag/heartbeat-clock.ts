import type { ChangeRecord } from '../contracts/change-event';
import type { HeartbeatClockSummary } from '../contracts/source-clock';
import type { LagConfig } from '../config/lag-schema';
import { processedMsOf } from './clock-resolution';

/** Figures are over the last 5 minutes of heartbeat rows. */
export const HEARTBEAT_WINDOW_MS = 5 * 60_000;
/** Rows kept per connector: 5 minutes of a heartbeat every 500 ms; the oldest go first. */
export const MAX_HEARTBEAT_SAMPLES = 600;
/** A detected clock column's value must be within a day of the arrival: an id or a counter never is. */
const PLAUSIBLE_MS = 86_400_000;

/** `heartbeat`, `heartbeats`, `debezium_heartbeat` as the last part of a qualified table name. */
const HEARTBEAT_TABLE = /(?:^|\.)(?:debezium_)?heartbeats?$/i;
/** Digits after the milliseconds in an ISO time (`…:01.123456Z`): Date.parse drops them. */
const SUB_MS = /\.\d{3}(\d{1,6})/;

/**
 * A time column's value in epoch ms (with a sub-ms fraction where it has
 * one), as Debezium writes time columns: a timestamp string (ZonedTimestamp,
 * `TIMESTAMP(3)` / `timestamptz`), or epoch ms (Timestamp, `DATETIME(3)`), µs
 * (MicroTimestamp) or ns (NanoTimestamp), told apart by size. Anything else
 * (epoch seconds included: too coarse to be a clock) is undefined.
 */
export function clockValueMs(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) {
    if (v > 1e17) return v / 1e6;
    if (v > 1e14) return v / 1e3;
    return v > 1e11 ? v : undefined;
  }
  if (typeof v !== 'string' || v.length < 10) return undefined;
  const ms = Date.parse(v);
  if (!Number.isFinite(ms)) return undefined;
  const extra = SUB_MS.exec(v)?.[1];
  return extra === undefined ? ms : ms + Number(`0.${extra}`);
}

export interface ClockTableMatch {
  table: string;
  column: string;
  /** From `lag.connectors` in the configuration, or detected by name. */
  configured: boolean;
}

/**
 * Whether a change is a row of its connector's clock table, and which column
 * holds the database's time: the configured table (`lag.connectors.<server>`,
 * else `lag.connectors['*']`), or, with none configured and detection on, a
 * table named like a heartbeat whose row has a plausible time column.
 */
export function matchClockTable(lag: LagConfig, serverName: string, rec: ChangeRecord): ClockTableMatch | undefined {
  const configured = lag.connectors[serverName] ?? lag.connectors['*'];
  if (configured !== undefined) {
    const { table, column } = configured.clockTable;
    return table === rec.table || table === `${serverName}.${rec.table}`
      ? { table: rec.table, column, configured: true }
      : undefined;
  }
  if (!lag.detectClockTables || !HEARTBEAT_TABLE.test(rec.table)) return undefined;
  const row = rec.after ?? {};
  for (const column of Object.keys(row)) {
    const t = clockValueMs(row[column]);
    if (t !== undefined && Math.abs(rec.receivedAt - t) < PLAUSIBLE_MS)
      return { table: rec.table, column, configured: false };
  }
  return undefined;
}

interface Sample {
  at: number;
  captureMs: number | null;
  endToEndMs: number;
}

export interface HeartbeatClock {
  readonly match: ClockTableMatch;
  /** One row change of the clock table (streamed inserts and updates only). */
  record(rec: ChangeRecord, now: number): void;
  /** Figures over the last 5 minutes; undefined when no row arrived in that time. */
  summary(now: number): HeartbeatClockSummary | undefined;
}

const round3 = (x: number) => Math.round(x * 1_000) / 1_000;

/** Nearest-rank percentile of sorted values. */
function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}

function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    p50: round3(pct(sorted, 50)),
    p95: round3(pct(sorted, 95)),
    min: round3(sorted[0] ?? 0),
    max: round3(sorted.at(-1) ?? 0),
  };
}

/**
 * A connector's heartbeat clock: each row of its clock table carries the
 * database's time of the write (`written`), so `ts_ms − written` is the
 * capture lag and `arrival − written` the end-to-end lag, both to the
 * millisecond (µs where the column has them), whatever the binlog's
 * resolution. The smallest end-to-end lag bounds the clock skew: a row cannot
 * arrive before it was written, so the database's clock is at most that much
 * behind cdcscope's (a negative value: at least that much ahead).
 */
export function createHeartbeatClock(match: ClockTableMatch): HeartbeatClock {
  const samples: Sample[] = [];
  return {
    match,
    record(rec, now) {
      if (rec.source.snapshot !== 'false' || (rec.op !== 'c' && rec.op !== 'u')) return;
      const written = clockValueMs(rec.after?.[match.column]);
      if (written === undefined) return;
      const processed = processedMsOf(rec);
      samples.push({
        at: now,
        captureMs: processed === undefined ? null : processed - written,
        endToEndMs: rec.receivedAt - written,
      });
      if (samples.length > MAX_HEARTBEAT_SAMPLES) samples.splice(0, samples.length - MAX_HEARTBEAT_SAMPLES);
    },
    summary(now) {
      const recent = samples.filter((s) => s.at > now - HEARTBEAT_WINDOW_MS);
      const last = recent.at(-1);
      if (last === undefined) return undefined;
      const e2e = spread(recent.map((s) => s.endToEndMs));
      const captures = recent.flatMap((s) => (s.captureMs === null ? [] : [s.captureMs]));
      const capture = captures.length === 0 ? null : spread(captures);
      return {
        table: match.table,
        column: match.column,
        configured: match.configured,
        samples: recent.length,
        lastAt: last.at,
        last: {
          captureMs: last.captureMs === null ? null : round3(last.captureMs),
          endToEndMs: round3(last.endToEndMs),
        },
        endToEnd: { p50: e2e.p50, p95: e2e.p95, max: e2e.max },
        capture: capture && { p50: capture.p50, p95: capture.p95, max: capture.max },
        skew: { dbBehindAtMostMs: e2e.min, connectorBehindAtMostMs: capture?.min ?? null },
      };
    },
  };
}
