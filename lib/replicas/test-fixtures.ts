import type { ChangeRecord, Op, Row } from '../contracts/change-event';
import { decodeMessage } from '../debezium/decode-message';
import { mariadbSource, order, orderShipped } from '../debezium/fixtures/mariadb';
import { pgSource } from '../debezium/fixtures/postgres';
import { FIXTURE_NOW, rawFrom } from '../debezium/fixtures/raw-from';

/**
 * Replica-pair records for tests and the benchmark, built as real Debezium
 * messages and run through the real decoder (lib/debezium/fixtures): the
 * MariaDB pair `replica_a`/`replica_b` (same GTID, each server's own binlog
 * file/pos/server_id/thread) and PostgreSQL servers for LSN identities.
 */
export interface ReplicaChangeInput {
  side?: 'a' | 'b';
  /** Server name; default `replica_<side>`. */
  server?: string;
  /** `db.table`; default `inventory.orders`. */
  table?: string;
  op?: Op;
  key?: Row;
  before?: Row | null;
  after?: Row | null;
  /** null: no GTID (snapshot reads, GTID mode off). */
  gtid?: string | null;
  row?: number;
  snapshot?: string;
  transaction?: { id: string; total_order: number; data_collection_order: number } | null;
  headers?: Record<string, string>;
  offset?: number;
  partition?: number;
  broker?: 'kafka' | 'jetstream';
  now?: number;
}

let seq = 0;

function decoded(raw: Parameters<typeof decodeMessage>[0]): ChangeRecord {
  const rec = decodeMessage(raw);
  if (rec.kind !== 'change') throw new Error(`fixture did not decode as a change: ${rec.kind}`);
  return rec;
}

export function mariaChange(input: ReplicaChangeInput = {}): ChangeRecord {
  const side = input.side ?? 'a';
  const server = input.server ?? `replica_${side}`;
  const [db = 'inventory', table = 'orders'] = (input.table ?? 'inventory.orders').split('.');
  const op = input.op ?? 'u';
  const key = input.key ?? { order_id: order.order_id, line: order.line };
  const before = input.before !== undefined ? input.before : op === 'u' || op === 'd' ? { ...order, ...key } : null;
  const after = input.after !== undefined ? input.after : op === 'c' || op === 'u' || op === 'r' ? { ...orderShipped, ...key } : null;
  const n = ++seq;
  const source = mariadbSource({
    name: server,
    db,
    table,
    gtid: input.gtid === undefined ? '0-1-4711' : input.gtid,
    row: input.row ?? 0,
    snapshot: input.snapshot ?? 'false',
    // Each server's own coordinates: they must never matter.
    server_id: side === 'a' ? 201 : 202,
    file: side === 'a' ? 'mysql-bin.000003' : 'mysql-bin.000007',
    pos: 4000 + n * 7,
    thread: 10 + (n % 5),
  });
  const now = input.now ?? FIXTURE_NOW;
  const value = { before, after, source, op, ts_ms: now - 5, transaction: input.transaction ?? null };
  return decoded(
    rawFrom({
      topic: `${server}.${db}.${table}`,
      key,
      value,
      headers: input.headers,
      offset: input.offset,
      partition: input.partition,
      broker: input.broker,
      receivedAt: now,
    }),
  );
}

export interface PgChangeInput {
  server?: string;
  /** `schema.table`; default `inventory.customers`. */
  table?: string;
  op?: Op;
  id?: number;
  lsn?: number;
  txId?: number;
  after?: Row | null;
  now?: number;
}

export function pgChange(input: PgChangeInput = {}): ChangeRecord {
  const server = input.server ?? 'pg';
  const [schema = 'inventory', table = 'customers'] = (input.table ?? 'inventory.customers').split('.');
  const id = input.id ?? 1001;
  const op = input.op ?? 'c';
  const row = { id, first_name: 'Anne', last_name: 'Kretchmar', email: 'annek@noanswer.org' };
  const after = input.after !== undefined ? input.after : op === 'd' ? null : row;
  const source = pgSource({ name: server, schema, table, lsn: input.lsn ?? 24023128, txId: input.txId ?? 555 });
  const now = input.now ?? FIXTURE_NOW;
  const value = { before: op === 'd' || op === 'u' ? row : null, after, source, op, ts_ms: now - 5 };
  return decoded(rawFrom({ topic: `${server}.${schema}.${table}`, key: { id }, value, receivedAt: now }));
}
