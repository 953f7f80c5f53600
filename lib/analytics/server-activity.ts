import type { DecodedRecord } from '../contracts/change-event';
import { setNewest, trimToSize } from '../bounded-map';

/**
 * What is known about one Debezium logical server (`topic.prefix`): enough
 * to tell a quiet database (heartbeats keep coming) from a stalled connector
 * (nothing comes at all), as Debezium's own MilliSecondsBehindSource would.
 */
export interface ServerActivity {
  serverName: string;
  heartbeats: number;
  /** When the last heartbeat was received (the `now` it was recorded with). */
  lastHeartbeatAt?: number;
  /** The connector's own clock in that heartbeat (`ts_ms`). */
  lastHeartbeatTsMs?: number;
  /** When the last row change, tombstone, transaction marker or schema change was received. */
  lastEventAt?: number;
  /** Newest database commit time seen in a change (`source.ts_ms`). */
  lastSourceTsMs?: number;
  transactions: number;
  schemaChanges: number;
  lastSchemaChangeAt?: number;
}

/**
 * Server names come from topics, which a wildcard subscription does not
 * bound: keep the most recently active 256 (a large fleet of connectors).
 */
export const MAX_SERVERS = 256;

export interface ServerActivityLog {
  record(serverName: string | undefined, rec: DecodedRecord, now: number): void;
  all(): ServerActivity[];
  get(serverName: string): ServerActivity | undefined;
}

export function createServerActivityLog(max = MAX_SERVERS): ServerActivityLog {
  /** Insertion order = least recently active first, refreshed at most once a second per server. */
  const servers = new Map<string, { activity: ServerActivity; touchedSec: number }>();

  function entry(name: string, now: number): ServerActivity {
    const sec = Math.floor(now / 1000);
    let e = servers.get(name);
    if (e === undefined) {
      e = { activity: { serverName: name, heartbeats: 0, transactions: 0, schemaChanges: 0 }, touchedSec: sec };
      servers.set(name, e);
      trimToSize(servers, max);
    } else if (e.touchedSec !== sec) {
      setNewest(servers, name, e);
      e.touchedSec = sec;
    }
    return e.activity;
  }

  const later = (a: number | undefined, b: number) => (a === undefined ? b : Math.max(a, b));

  return {
    record(serverName, rec, now) {
      if (serverName === undefined) return;
      const a = entry(serverName, now);
      switch (rec.kind) {
        case 'heartbeat':
          a.heartbeats++;
          a.lastHeartbeatAt = later(a.lastHeartbeatAt, now);
          if (rec.tsMs !== undefined) a.lastHeartbeatTsMs = later(a.lastHeartbeatTsMs, rec.tsMs);
          return;
        case 'transaction':
          a.transactions++;
          break;
        case 'schema-change':
          a.schemaChanges++;
          a.lastSchemaChangeAt = later(a.lastSchemaChangeAt, now);
          break;
        case 'change':
          if (rec.source.tsMs !== undefined) a.lastSourceTsMs = later(a.lastSourceTsMs, rec.source.tsMs);
          break;
      }
      a.lastEventAt = later(a.lastEventAt, now);
    },
    all: () => [...servers.values()].map((e) => ({ ...e.activity })),
    get(serverName) {
      const e = servers.get(serverName);
      return e === undefined ? undefined : { ...e.activity };
    },
  };
}
