import type { SuggestedReplicaPair } from '../contracts/replicas';

/** A table as the statistics know it; TableSummary fits. */
export interface SeenTable {
  tableKey: string;
  /** Debezium server name, when known: spares guessing where the prefix ends. */
  serverName?: string;
  /** Table without prefix, e.g. `inventory.customers`. */
  table?: string;
}

/** At most this many suggestions: every pair of 256 servers would be 32,640. */
export const MAX_SUGGESTIONS = 50;

/**
 * Splits `replica_a.inventory.customers` into server and table. Without a
 * known server name the table is the last two tokens (`db.table` or
 * `schema.table`), which is what Debezium's topic naming gives for MySQL,
 * MariaDB and PostgreSQL; server names may contain dots.
 */
function split(t: string | SeenTable): { server: string; table: string } | undefined {
  if (typeof t !== 'string') {
    if (t.serverName !== undefined && t.table !== undefined) return { server: t.serverName, table: t.table };
    if (t.serverName !== undefined && t.tableKey.startsWith(`${t.serverName}.`)) {
      return { server: t.serverName, table: t.tableKey.slice(t.serverName.length + 1) };
    }
    if (t.table !== undefined && t.tableKey.endsWith(`.${t.table}`)) {
      return { server: t.tableKey.slice(0, -t.table.length - 1), table: t.table };
    }
    return split(t.tableKey);
  }
  const last = t.lastIndexOf('.');
  const second = last > 0 ? t.lastIndexOf('.', last - 1) : -1;
  if (second <= 0) return undefined;
  return { server: t.slice(0, second), table: t.slice(second + 1) };
}

/** Code-unit order: the same on every machine, unlike localeCompare. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Suggests replica pairs from the tables seen: two servers that carry the
 * same table name. Pairs sharing more tables come first (a real replica pair
 * shares all its tables; two unrelated databases may share a `users` table
 * by chance), then by name. Each pair is listed once, servers in name order.
 */
export function suggestReplicaPairs(seen: Iterable<string | SeenTable>, minShared = 1): SuggestedReplicaPair[] {
  const serversByTable = new Map<string, Set<string>>();
  for (const t of seen) {
    const parts = split(t);
    if (parts === undefined) continue;
    let servers = serversByTable.get(parts.table);
    if (servers === undefined) serversByTable.set(parts.table, (servers = new Set()));
    servers.add(parts.server);
  }
  const pairs = new Map<string, SuggestedReplicaPair>();
  for (const [table, set] of serversByTable) {
    if (set.size < 2) continue;
    const servers = [...set].sort();
    for (let i = 0; i < servers.length; i++) {
      for (let j = i + 1; j < servers.length; j++) {
        const serverA = servers[i] as string;
        const serverB = servers[j] as string;
        const id = `${serverA}\u0000${serverB}`;
        let pair = pairs.get(id);
        if (pair === undefined) pairs.set(id, (pair = { serverA, serverB, tables: [] }));
        pair.tables.push(table);
      }
    }
  }
  return [...pairs.values()]
    .filter((p) => p.tables.length >= minShared)
    .map((p) => ({ ...p, tables: p.tables.sort() }))
    .sort((x, y) => y.tables.length - x.tables.length || cmp(x.serverA, y.serverA) || cmp(x.serverB, y.serverB))
    .slice(0, MAX_SUGGESTIONS);
}
