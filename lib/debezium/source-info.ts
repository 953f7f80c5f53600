import type { SnapshotFlag, SourceInfo, SourcePosition } from '../contracts/change-event';
import * as guards from './json-guards';
import type { JsonObject } from './json-guards';

// Local copies: some loaders (tsx, which runs the server) turn imported bindings into getter calls, which show up in
// hot loops (see json-guards.ts).
const { epochMs, epochUs, isObject, nonEmpty, num, str } = guards;

const SNAPSHOT_FLAGS: ReadonlySet<string> = new Set<SnapshotFlag>([
  'false',
  'true',
  'first',
  'first_in_data_collection',
  'last_in_data_collection',
  'last',
  'incremental',
]);

/**
 * Debezium ≥ 1.x writes `snapshot` as a string enum; 0.x wrote a boolean, and
 * an absent flag means a streamed change. An unknown string is still some
 * snapshot marker (newer versions add values), so it counts as `true`.
 */
export function snapshotFlag(x: unknown): SnapshotFlag {
  if (x === undefined || x === null || x === false) return 'false';
  if (x === true) return 'true';
  if (typeof x === 'string') return SNAPSHOT_FLAGS.has(x) ? (x as SnapshotFlag) : 'true';
  return 'false';
}

function position(connector: string, s: JsonObject): SourcePosition {
  if (connector === 'postgresql') {
    return {
      kind: 'postgresql',
      lsn: num(s.lsn),
      txId: num(s.txId),
      xmin: num(s.xmin),
      sequence: str(s.sequence),
    };
  }
  if (connector === 'mysql' || connector === 'mariadb') {
    return {
      kind: 'mysql',
      flavor: connector,
      gtid: nonEmpty(s.gtid),
      file: nonEmpty(s.file),
      pos: num(s.pos),
      row: num(s.row),
      serverId: num(s.server_id),
      thread: num(s.thread),
      query: nonEmpty(s.query),
    };
  }
  return { kind: 'other', connector };
}

/**
 * Reads an envelope's `source` block. Tolerant: a missing or odd block gives
 * an `unknown` connector rather than rejecting the change, since the row data
 * is still worth showing.
 */
export function parseSource(x: unknown): SourceInfo {
  // A fresh object each time: records are handed to other layers, which must not share state.
  if (!isObject(x))
    return { connector: 'unknown', snapshot: 'false', position: { kind: 'other', connector: 'unknown' } };
  const connector = str(x.connector) ?? 'unknown';
  return {
    connector,
    name: nonEmpty(x.name),
    version: str(x.version),
    tsMs: epochMs(x),
    tsUs: epochUs(x),
    db: nonEmpty(x.db),
    // Mongo names it `collection`; every other connector `table`.
    schema: nonEmpty(x.schema),
    table: nonEmpty(x.table) ?? nonEmpty(x.collection),
    snapshot: snapshotFlag(x.snapshot),
    position: position(connector, x),
  };
}

/**
 * Qualified table name from a source block: `db.table` for MySQL/MariaDB (no
 * schemas there), `schema.table` for PostgreSQL and the other schema-ful
 * connectors, `db.schema.table` for SQL Server, `db.collection` for Mongo. Undefined when the block does not say
 * (logical messages, truncated blocks): the caller falls back to the topic.
 */
export function tableFromSource(source: SourceInfo): string | undefined {
  const table = source.table;
  if (table === undefined) return undefined;
  if (source.position.kind === 'mysql') return source.db !== undefined ? `${source.db}.${table}` : table;
  // SQL Server captures several databases per connector and names topics `<prefix>.<db>.<schema>.<table>`.
  if (source.connector === 'sqlserver' && source.db !== undefined && source.schema !== undefined) {
    return `${source.db}.${source.schema}.${table}`;
  }
  if (source.schema !== undefined) return `${source.schema}.${table}`;
  if (source.db !== undefined) return `${source.db}.${table}`;
  return table;
}
