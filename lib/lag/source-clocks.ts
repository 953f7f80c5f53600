import type { ChangeRecord } from '../contracts/change-event';
import type { ClockResolution, SourceClock } from '../contracts/source-clock';
import {
  commitMsOf,
  createResolutionDetector,
  describeResolution,
  processedMsOf,
  type ResolutionDetector,
} from './clock-resolution';
import type { LagConfig } from '../config/lag-schema';
import { createHeartbeatClock, matchClockTable, type HeartbeatClock } from './heartbeat-clock';
import { setNewest, trimToSize } from '../bounded-map';

/**
 * Connectors whose clocks are followed; server names come from topics, which
 * a wildcard subscription does not bound, so the least recently active past
 * this many is forgotten (as in lib/analytics/server-activity.ts).
 */
export const MAX_CLOCKS = 256;

interface Clock {
  connector: string | undefined;
  detector: ResolutionDetector;
  negative: SourceClock['negative'];
  /** The connector's clock table, once a row of it was seen. */
  heartbeat?: HeartbeatClock;
  touchedSec: number;
}

export interface SourceClocks {
  /** Every change record of a connector (`serverName` = Debezium's `topic.prefix`). */
  observe(serverName: string | undefined, rec: ChangeRecord, now: number): void;
  /** The connector's clock resolution; undefined for a connector never seen. */
  resolution(serverName: string | undefined): ClockResolution | undefined;
  /** Every followed connector, least recently active first. */
  all(now: number): SourceClock[];
  /** True for the table a connector's heartbeat clock reads: flagged in table lists, not taken for data. */
  isClockTable(serverName: string | undefined, table: string): boolean;
}

export interface SourceClocksOptions {
  max?: number;
  /** `lag:` of the configuration: clock tables per connector, detection. None: no heartbeat clocks. */
  lag?: LagConfig;
}

/** Counts a change whose capture or end-to-end lag is below zero (see SourceClock.negative). */
function countNegative(n: SourceClock['negative'], rec: ChangeRecord, now: number): void {
  const committed = commitMsOf(rec);
  if (committed === undefined) return;
  n.samples++;
  const processed = processedMsOf(rec);
  const capture = processed === undefined ? 0 : processed - committed;
  const e2e = rec.receivedAt - committed;
  if (capture >= 0 && e2e >= 0) return;
  if (capture < 0) n.capture++;
  if (e2e < 0) n.endToEnd++;
  const worst = Math.round(Math.min(capture, e2e) * 1_000) / 1_000;
  n.minMs = n.minMs === null ? worst : Math.min(n.minMs, worst);
  n.lastAt = now;
}

/** Per connector: how precise its commit clock is (more is added per connector by later figures). */
export function createSourceClocks({ max = MAX_CLOCKS, lag }: SourceClocksOptions = {}): SourceClocks {
  /** Insertion order = least recently active first, refreshed at most once a second per connector. */
  const clocks = new Map<string, Clock>();

  function entry(name: string, now: number): Clock {
    const sec = Math.floor(now / 1000);
    let c = clocks.get(name);
    if (c === undefined) {
      c = {
        connector: undefined,
        detector: createResolutionDetector(),
        negative: { capture: 0, endToEnd: 0, samples: 0, minMs: null, lastAt: null },
        touchedSec: sec,
      };
      clocks.set(name, c);
      trimToSize(clocks, max);
    } else if (c.touchedSec !== sec) {
      setNewest(clocks, name, c);
      c.touchedSec = sec;
    }
    return c;
  }

  return {
    observe(serverName, rec, now) {
      if (serverName === undefined) return;
      const committed = rec.source.tsMs;
      // Some connectors write 0 for snapshot rows: no commit time.
      if (committed === undefined || committed <= 0) return;
      const c = entry(serverName, now);
      if (rec.source.connector !== 'unknown') c.connector = rec.source.connector;
      countNegative(c.negative, rec, now);
      if (lag !== undefined) {
        const match = matchClockTable(lag, serverName, rec);
        if (match !== undefined) {
          // The first clock table seen stays (a configured one replaces a detected one).
          if (c.heartbeat === undefined || (match.configured && !c.heartbeat.match.configured))
            c.heartbeat = createHeartbeatClock(match);
          if (c.heartbeat.match.table === match.table) c.heartbeat.record(rec, now);
        }
      }
      // Snapshot rows carry the snapshot's time, not a commit's: they say nothing of the commit clock.
      if (rec.source.snapshot === 'false') c.detector.observe(committed, rec.source.tsUs);
    },
    resolution(serverName) {
      if (serverName === undefined) return undefined;
      const c = clocks.get(serverName);
      return c === undefined ? undefined : describeResolution(c.detector.resolutionMs(), c.connector);
    },
    all: (now) =>
      [...clocks].map(([serverName, c]) => {
        const out: SourceClock = {
          serverName,
          clock: describeResolution(c.detector.resolutionMs(), c.connector),
          negative: { ...c.negative },
        };
        if (c.connector !== undefined) out.connector = c.connector;
        const heartbeat = c.heartbeat?.summary(now);
        if (heartbeat !== undefined) out.heartbeat = heartbeat;
        return out;
      }),
    isClockTable: (serverName, table) =>
      serverName !== undefined && clocks.get(serverName)?.heartbeat?.match.table === table,
  };
}
