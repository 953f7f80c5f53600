import type { ConnectorHealth } from '../contracts/consumer-lag';
import type { ConnectorSnapshot, ConnectorView, ServerView } from '../contracts/connectors';
import { connectorHealthState, type ConnectorStatus } from './connect-status';

/**
 * Links Kafka Connect's connectors to what cdcscope sees in the data: a
 * Debezium connector's `topic.prefix` is the logical server name that starts
 * its table keys (`replica_a.inventory.orders`), names its heartbeat topic
 * and its events' `source.name`. Pure: the caller passes everything in.
 */

/** Table keys listed per server; the rest are counted. */
export const MAX_LISTED_TABLES = 50;

export interface SeenData {
  /** Every table key cdcscope tracks (`<server>.<db or schema>.<table>`). */
  tableKeys: readonly string[];
  /** Liveness per logical server from events and heartbeats. */
  liveness: readonly ConnectorHealth[];
  snapshots: readonly ConnectorSnapshot[];
}

/** Each logical server cdcscope knows of, from its tables, heartbeats and snapshots. */
export function serverViews(seen: SeenData): Map<string, ServerView> {
  const out = new Map<string, ServerView>();
  const entry = (name: string): ServerView => {
    let v = out.get(name);
    if (!v) {
      v = { serverName: name, tables: [], tablesMore: 0, liveness: null, snapshot: null };
      out.set(name, v);
    }
    return v;
  };
  for (const l of seen.liveness) entry(l.serverName).liveness = l;
  for (const s of seen.snapshots) entry(s.serverName).snapshot = s;
  const names = [...out.keys()];
  for (const key of [...seen.tableKeys].sort()) {
    // The longest known server name that prefixes the key: `replica_a` and `replica_a_v2` stay apart.
    let owner: string | undefined;
    for (const n of names) if (key.startsWith(`${n}.`) && (owner === undefined || n.length > owner.length)) owner = n;
    const name = owner ?? key.slice(0, Math.max(0, key.indexOf('.')));
    if (name === '') continue;
    const v = entry(name);
    if (!names.includes(name)) names.push(name);
    if (v.tables.length < MAX_LISTED_TABLES) v.tables.push(key);
    else v.tablesMore++;
  }
  return out;
}

/**
 * Connect's connectors with their server views, and the servers no connector
 * claims (Debezium Server's, another cluster's), both sorted by name.
 */
export function linkConnectors(
  connectors: readonly ConnectorStatus[],
  servers: Map<string, ServerView>,
): { connectors: ConnectorView[]; unlinked: ServerView[] } {
  const claimed = new Set<string>();
  const views = connectors.map((c): ConnectorView => {
    const server = c.topicPrefix === null ? null : (servers.get(c.topicPrefix) ?? null);
    if (c.topicPrefix !== null) claimed.add(c.topicPrefix);
    return { ...c, health: connectorHealthState(c), server };
  });
  const unlinked = [...servers.values()]
    .filter((s) => !claimed.has(s.serverName))
    .sort((a, b) => a.serverName.localeCompare(b.serverName));
  return { connectors: views, unlinked };
}
