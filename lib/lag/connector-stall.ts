import type { ConnectorHealth } from '../contracts/consumer-lag';

/**
 * Is a Debezium connector (one logical server name) alive? Events prove it,
 * and so do heartbeats (`heartbeat.interval.ms`) while the database is
 * quiet. Neither for `stalledAfterMs` → stalled: the connector is down,
 * paused, or stuck (as Debezium's MilliSecondsBehindSource would show from
 * inside). Without heartbeats configured, a quiet database looks stalled
 * too: set the heartbeat interval below `stalledAfterMs`.
 * The input is what lib/analytics' server activity already records.
 */
export interface ConnectorActivityLike {
  serverName: string;
  lastEventAt?: number;
  lastHeartbeatAt?: number;
}

export interface ConnectorHealthOptions {
  /** Default 60 s: several heartbeat intervals (Debezium examples use 10–30 s), so one late heartbeat is not an alarm. */
  stalledAfterMs?: number;
  /** Events within this window → streaming; older → idle. Default 10 s. */
  streamingWithinMs?: number;
  /** Per server name, for connectors with a slower heartbeat. */
  overrides?: Record<string, number>;
}

export const DEFAULT_STALLED_AFTER_MS = 60_000;
export const DEFAULT_STREAMING_WITHIN_MS = 10_000;

export function connectorHealth(
  a: ConnectorActivityLike,
  now: number,
  options: ConnectorHealthOptions = {},
): ConnectorHealth {
  const stalledAfterMs = options.overrides?.[a.serverName] ?? options.stalledAfterMs ?? DEFAULT_STALLED_AFTER_MS;
  const lastEventAt = a.lastEventAt ?? null;
  const lastHeartbeatAt = a.lastHeartbeatAt ?? null;
  const lastSeen = Math.max(lastEventAt ?? Number.NEGATIVE_INFINITY, lastHeartbeatAt ?? Number.NEGATIVE_INFINITY);
  const base = { serverName: a.serverName, lastEventAt, lastHeartbeatAt, stalledAfterMs };
  if (!Number.isFinite(lastSeen)) return { ...base, status: 'unknown', silentForMs: null };
  const silentForMs = Math.max(0, now - lastSeen);
  if (silentForMs >= stalledAfterMs) return { ...base, status: 'stalled', silentForMs };
  const streaming =
    lastEventAt !== null && now - lastEventAt < (options.streamingWithinMs ?? DEFAULT_STREAMING_WITHIN_MS);
  return { ...base, status: streaming ? 'streaming' : 'idle', silentForMs };
}

/** Health of every server, stalled ones first. */
export function connectorHealthAll(
  activities: Iterable<ConnectorActivityLike>,
  now: number,
  options?: ConnectorHealthOptions,
): ConnectorHealth[] {
  const order = { stalled: 0, unknown: 1, idle: 2, streaming: 3 } as const;
  return [...activities]
    .map((a) => connectorHealth(a, now, options))
    .sort(
      (x, y) =>
        order[x.status] - order[y.status] || (x.serverName < y.serverName ? -1 : x.serverName > y.serverName ? 1 : 0),
    );
}
