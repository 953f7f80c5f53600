import type {
  HeartbeatRecord,
  RecordBase,
  Row,
  SchemaChangeRecord,
  TransactionBoundaryRecord,
} from '../contracts/change-event';
import { epochMs, isObject, nonEmpty, num, str, type JsonObject } from './json-guards';
import { parseSource, tableFromSource } from './source-info';

/**
 * Records that describe the pipeline rather than rows: transaction
 * boundaries, heartbeats and MySQL/MariaDB schema changes. Recognised by
 * shape first (topic names are configurable), topic second.
 */

/** `{status: BEGIN|END, id}` on `<prefix>.transaction` (`provide.transaction.metadata=true`). */
export function isTransactionPayload(p: JsonObject): boolean {
  return (p.status === 'BEGIN' || p.status === 'END') && typeof p.id === 'string';
}

export function toTransaction(base: RecordBase, p: JsonObject): TransactionBoundaryRecord {
  // Fields copied one by one: `{...base, more}` takes V8's slow object-clone path (see decode-message.ts).
  const record: TransactionBoundaryRecord = {
    sourceId: base.sourceId,
    origin: base.origin,
    receivedAt: base.receivedAt,
    sizeBytes: base.sizeBytes,
    headers: base.headers,
    kind: 'transaction',
    status: p.status === 'END' ? 'END' : 'BEGIN',
    id: str(p.id) ?? '',
    eventCount: num(p.event_count),
    tsMs: epochMs(p),
  };
  if (Array.isArray(p.data_collections)) {
    record.dataCollections = [];
    for (const dc of p.data_collections) {
      if (!isObject(dc)) continue;
      const name = str(dc.data_collection);
      if (name !== undefined)
        record.dataCollections.push({ dataCollection: name, eventCount: num(dc.event_count) ?? 0 });
    }
  }
  return record;
}

/** Schema-history records carry `ddl` and/or `tableChanges` (topic `<prefix>`). */
export function isSchemaChangePayload(p: JsonObject): boolean {
  return typeof p.ddl === 'string' || Array.isArray(p.tableChanges);
}

/** `"inventory"."customers"` (Debezium's quoted table id) → `inventory.customers`. */
function tableIdToName(id: string): string {
  return id.replace(/"/g, '');
}

export function toSchemaChange(base: RecordBase, p: JsonObject, channel: string): SchemaChangeRecord {
  const source = isObject(p.source) ? parseSource(p.source) : undefined;
  const tables: string[] = [];
  const primaryKeys: Record<string, string[]> = {};
  const changeTypes: Record<string, string> = {};
  if (Array.isArray(p.tableChanges)) {
    for (const change of p.tableChanges) {
      if (!isObject(change)) continue;
      const id = str(change.id);
      if (id === undefined) continue;
      const name = tableIdToName(id);
      tables.push(name);
      const type = str(change.type);
      if (type !== undefined) changeTypes[name] = type.slice(0, 20);
      const table = change.table;
      if (isObject(table) && Array.isArray(table.primaryKeyColumnNames)) {
        const columns = table.primaryKeyColumnNames.filter((c): c is string => typeof c === 'string');
        if (columns.length > 0) primaryKeys[name] = columns;
      }
    }
  }
  if (tables.length === 0 && source !== undefined) {
    const fromSource = tableFromSource(source);
    if (fromSource !== undefined) tables.push(fromSource);
  }
  const record: SchemaChangeRecord = {
    sourceId: base.sourceId,
    origin: base.origin,
    receivedAt: base.receivedAt,
    sizeBytes: base.sizeBytes,
    headers: base.headers,
    kind: 'schema-change',
    // The schema-change topic is the bare prefix, so the channel is the server name.
    serverName: source?.name ?? channel,
    databaseName: nonEmpty(p.databaseName) ?? source?.db,
    ddl: str(p.ddl),
    tables,
    tsMs: epochMs(p) ?? source?.tsMs,
  };
  if (Object.keys(primaryKeys).length > 0) record.primaryKeys = primaryKeys;
  if (Object.keys(changeTypes).length > 0) record.changeTypes = changeTypes;
  return record;
}

/** A heartbeat value is `{ts_ms}` and nothing else; on its own topic it may be anything. */
export function isHeartbeatPayload(p: JsonObject, channel: string, heartbeatPrefix: string): boolean {
  if (channel.startsWith(heartbeatPrefix)) return true;
  let fields = 0;
  for (const _ in p) if (++fields > 1) return false;
  return fields === 1 && typeof p.ts_ms === 'number';
}

export function toHeartbeat(
  base: RecordBase,
  p: JsonObject,
  channel: string,
  key: Row | undefined,
  heartbeatPrefix: string,
): HeartbeatRecord {
  // The key is `{serverName}`; the topic `<heartbeatPrefix>.<serverName>` says the same when keys are absent.
  const fromKey = key === undefined ? undefined : nonEmpty(key.serverName);
  const fromTopic = channel.startsWith(`${heartbeatPrefix}.`)
    ? nonEmpty(channel.slice(heartbeatPrefix.length + 1))
    : undefined;
  return {
    sourceId: base.sourceId,
    origin: base.origin,
    receivedAt: base.receivedAt,
    sizeBytes: base.sizeBytes,
    headers: base.headers,
    kind: 'heartbeat',
    serverName: fromKey ?? fromTopic,
    tsMs: epochMs(p),
  };
}
