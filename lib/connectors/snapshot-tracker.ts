import type { SnapshotFlag } from '../contracts/change-event';
import type { ConnectorSnapshot, TableSnapshot } from '../contracts/connectors';
import { setNewest, trimToSize } from '../bounded-map';

/**
 * Snapshot state per Debezium logical server and table, read from the
 * `source.snapshot` flag every change carries (issue #13 §4). Debezium marks
 * a snapshot's reads `first` (the very first), `first_in_data_collection`,
 * `true`, `last_in_data_collection` (each table's last) and `last` (the very
 * last); streamed changes say `false`; incremental snapshot chunks
 * `incremental`.
 *
 *  - a table is `completed` at its `last_in_data_collection` (or `last`);
 *  - the server's snapshot is `completed` at `last`, or at the first streamed
 *    change after snapshot reads (streaming starts only after an initial
 *    snapshot ends, so a missed `last` — cut by a restart, say — still ends it);
 *    its tables still running are then completed too;
 *  - `first`, or a snapshot read after a completed snapshot, starts a new one
 *    (a re-snapshot, or a connector that restarted mid-snapshot);
 *  - incremental snapshots have no end marker: their tables stay `running`
 *    and show the time of the last chunk.
 *
 * A server never seen snapshotting costs nothing: streamed changes are one
 * map lookup. Bounded: `maxServers` (the least recently updated dropped) and
 * `maxTablesPerServer` (further tables counted in `tablesDropped`, not kept).
 */

export interface SnapshotTrackerOptions {
  maxServers?: number;
  maxTablesPerServer?: number;
}

export const DEFAULT_MAX_SNAPSHOT_SERVERS = 500;
export const DEFAULT_MAX_SNAPSHOT_TABLES = 2_000;

interface ServerEntry {
  state: ConnectorSnapshot['state'];
  startedAt: number;
  completedAt: number | null;
  tables: Map<string, TableSnapshot>;
  tablesDropped: number;
}

export interface SnapshotTracker {
  observe(serverName: string, table: string, flag: SnapshotFlag, now: number): void;
  get(serverName: string): ConnectorSnapshot | undefined;
  all(): ConnectorSnapshot[];
}

export function createSnapshotTracker(options: SnapshotTrackerOptions = {}): SnapshotTracker {
  const maxServers = options.maxServers ?? DEFAULT_MAX_SNAPSHOT_SERVERS;
  const maxTables = options.maxTablesPerServer ?? DEFAULT_MAX_SNAPSHOT_TABLES;
  // Insertion order is recency: an updated server is moved to the end, the first one is the eviction victim.
  const servers = new Map<string, ServerEntry>();

  function complete(s: ServerEntry, now: number) {
    s.state = 'completed';
    s.completedAt = now;
    for (const t of s.tables.values()) {
      if (t.state === 'running') {
        t.state = 'completed';
        t.completedAt = now;
      }
    }
  }

  function fresh(serverName: string, now: number, state: ServerEntry['state']): ServerEntry {
    const s: ServerEntry = { state, startedAt: now, completedAt: null, tables: new Map(), tablesDropped: 0 };
    setNewest(servers, serverName, s);
    trimToSize(servers, maxServers);
    return s;
  }

  function tableOf(s: ServerEntry, table: string, now: number, restart: boolean): TableSnapshot | undefined {
    let t = s.tables.get(table);
    if (t && restart) t = undefined;
    if (!t) {
      if (!s.tables.has(table) && s.tables.size >= maxTables) {
        s.tablesDropped++;
        return undefined;
      }
      t = { table, state: 'running', rows: 0, firstAt: now, lastAt: now, completedAt: null };
      s.tables.set(table, t);
    }
    return t;
  }

  return {
    observe(serverName, table, flag, now) {
      if (flag === 'false') {
        const s = servers.get(serverName);
        if (s?.state === 'running') complete(s, now);
        return;
      }
      let s = servers.get(serverName);
      if (flag === 'incremental') {
        if (!s || s.state === 'completed') s = fresh(serverName, now, 'incremental');
      } else if (!s || flag === 'first' || s.state !== 'running') {
        s = fresh(serverName, now, 'running');
      } else {
        servers.delete(serverName);
        servers.set(serverName, s);
      }
      const t = tableOf(s, table, now, flag === 'first_in_data_collection');
      if (t) {
        t.rows++;
        t.lastAt = now;
        if (flag === 'last_in_data_collection' || flag === 'last') {
          t.state = 'completed';
          t.completedAt = now;
        }
      }
      if (flag === 'last') complete(s, now);
    },
    get(serverName) {
      const s = servers.get(serverName);
      return s && view(serverName, s);
    },
    all: () => [...servers].map(([name, s]) => view(name, s)).sort((a, b) => a.serverName.localeCompare(b.serverName)),
  };
}

function view(serverName: string, s: ServerEntry): ConnectorSnapshot {
  return {
    serverName,
    state: s.state,
    startedAt: s.startedAt,
    completedAt: s.completedAt,
    tables: [...s.tables.values()].map((t) => ({ ...t })).sort((a, b) => a.table.localeCompare(b.table)),
    tablesDropped: s.tablesDropped,
  };
}
