import type { SnapshotFlag } from '../contracts/change-event';
import type { DemoRow } from './sample-schema';

/** Debezium-shaped JSON builders for the demo: the same shapes real connectors emit. */

export interface MysqlPosition {
  server: string;
  serverId: number;
  gtid: string;
  file: string;
  pos: number;
  row: number;
}

export interface EnvelopeInput {
  op: 'c' | 'u' | 'd' | 'r';
  before: DemoRow | null;
  after: DemoRow | null;
  db: string;
  table: string;
  sourceTsMs: number;
  tsMs: number;
  snapshot: SnapshotFlag;
  transaction?: { id: string; total_order: number; data_collection_order: number };
}

export function mysqlEnvelope(input: EnvelopeInput, pos: MysqlPosition): Record<string, unknown> {
  return {
    before: input.before,
    after: input.after,
    source: {
      version: '3.3.1.Final',
      connector: 'mariadb',
      name: pos.server,
      ts_ms: input.sourceTsMs,
      snapshot: input.snapshot,
      db: input.db,
      sequence: null,
      table: input.table,
      server_id: pos.serverId,
      gtid: pos.gtid,
      file: pos.file,
      pos: pos.pos,
      row: pos.row,
      thread: 17,
      query: null,
    },
    op: input.op,
    ts_ms: input.tsMs,
    transaction: input.transaction ?? null,
  };
}

export function postgresEnvelope(
  input: EnvelopeInput,
  server: string,
  lsn: number,
  txId: number,
): Record<string, unknown> {
  return {
    before: input.before,
    after: input.after,
    source: {
      version: '2.7.3.Final',
      connector: 'postgresql',
      name: server,
      ts_ms: input.sourceTsMs,
      snapshot: input.snapshot,
      db: 'shop',
      sequence: JSON.stringify([String(lsn - 64), String(lsn)]),
      schema: input.db,
      table: input.table,
      txId,
      lsn,
      xmin: null,
    },
    op: input.op,
    ts_ms: input.tsMs,
    transaction: input.transaction ?? null,
  };
}

function fieldType(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'double';
  if (typeof value === 'boolean') return 'boolean';
  return 'string';
}

/**
 * A table's Connect field types, fixed once learned (`known`, one map per table): a real
 * connector's schema comes from the table's definition, so a null value or an integral
 * double must not change it, or every such row would read as schema drift.
 */
function rowFields(row: Record<string, unknown>, known: Map<string, string>, pk: string) {
  return Object.entries(row).map(([field, v]) => {
    let type = known.get(field);
    if (type === undefined && v !== null) {
      type = fieldType(v);
      known.set(field, type);
    }
    return { type: type ?? 'string', optional: field !== pk, field };
  });
}

/** Wraps a value as the JsonConverter does with `schemas.enable=true` (schema simplified but well-formed). */
export function withSchema(
  payload: Record<string, unknown>,
  name: string,
  known: Map<string, string>,
  pk: string,
): Record<string, unknown> {
  const row = (payload.after ?? payload.before ?? payload) as Record<string, unknown>;
  const fields = rowFields(row, known, pk);
  return {
    schema: {
      type: 'struct',
      name,
      optional: false,
      fields: [
        { type: 'struct', fields, optional: true, name: `${name}.Value`, field: 'before' },
        { type: 'struct', fields, optional: true, name: `${name}.Value`, field: 'after' },
        { type: 'struct', fields: [], optional: false, name: 'io.debezium.connector.mysql.Source', field: 'source' },
        { type: 'string', optional: false, field: 'op' },
        { type: 'int64', optional: true, field: 'ts_ms' },
      ],
    },
    payload,
  };
}
