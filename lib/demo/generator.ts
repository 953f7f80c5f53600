import type { RawMessage } from '../contracts/raw-message';
import { createRandom } from './random';
import { MYSQL_TABLES, PG_TABLES, type DemoRow } from './sample-schema';
import { mysqlEnvelope, postgresEnvelope, withSchema, type EnvelopeInput } from './envelope';
import { createTableRows, learnTypes, type TableState } from './table-rows';
import { extraTableChange } from './extra-tables';
import { createDemoDrift, schemaChangeValue, shapeRow } from './demo-drift';
import { createTransactionPlan } from './demo-transactions';
import { createSnapshotPhase, snapshotFlag } from './snapshot-phase';
import { createDemoShop } from './demo-shop';
import { createReplicaB } from './replica-b';
import { malformedValue } from './malformed';

/**
 * An in-process stand-in for a real CDC pipeline: a MariaDB replica pair
 * (`demo_a` with the schema-wrapped JSON converter and transaction metadata,
 * `demo_b` bare), a PostgreSQL server (`demo_pg`, keyless as on JetStream) and
 * a PostgreSQL shop with an Avro table and an outbox (`demo_shop`, demo-shop.ts).
 * Its output goes through the very same decoder and statistics as real sources.
 * Its tables' rows and lag are table-rows.ts; the synthetic extra tables extra-tables.ts.
 */
export interface DemoGenerator {
  /** Produces `changes` row changes at time `now`, plus what goes with them. */
  tick(now: number, changes: number): RawMessage[];
}

export { HOT_ROW } from './table-rows';

const SNAPSHOT_ROWS = 15;
const HEARTBEAT_EVERY_MS = 5_000;
const MALFORMED_RATE = 0.002;
/** How often the hot row (table-rows.ts) changes: its row history always has a timeline to show. */
const HOT_ROW_EVERY_MS = 2_000;

const encoder = new TextEncoder();
const json = (value: unknown) => encoder.encode(JSON.stringify(value));

export function createDemoGenerator(options: { sourceId: string; seed: number; extraTables?: number }): DemoGenerator {
  const rnd = createRandom(options.seed);
  const mysql = MYSQL_TABLES.map((def): TableState => ({
    def,
    nextId: 1,
    rows: new Map(),
    types: learnTypes(def, options.seed + 1),
  }));
  const pg = PG_TABLES.map((def): TableState => ({ def, nextId: 1, rows: new Map(), types: new Map() }));
  let seq = 0;
  let gtidSeq = 1000;
  let txSeq = 5000;
  let lsn = 23_000_000;
  const binlog = {
    a: { file: 'mysql-bin.000003', pos: 4, serverId: 201 },
    b: { file: 'mysql-bin.000007', pos: 4, serverId: 202 },
  };
  const replicaB = createReplicaB(rnd);
  let lastHeartbeat = 0;
  let lastHot = 0;
  let snapshotDone = false;
  const drift = createDemoDrift(mysql.length);
  const plan = createTransactionPlan((min, max) => rnd.int(min, max));
  const shop = createDemoShop(options.seed);
  /** A MariaDB table's row in its current shape (demo-drift.ts); PostgreSQL tables never drift. */
  const shaped = (t: TableState, row: DemoRow): DemoRow => {
    const i = mysql.indexOf(t);
    return i < 0 || (drift.extras(i).length === 0 && !Object.keys(row).some((k) => k.startsWith('promo_code_')))
      ? row
      : shapeRow(row, drift.extras(i));
  };
  const { lagFor, nextChange, hotChange, isHot } = createTableRows({ rnd, hotTable: () => mysql[0], shaped });
  // Each server reads its tables one after another; demo_a and demo_b share the MariaDB tables (lib/demo/snapshot-phase.ts).
  const mysqlSnapshot = createSnapshotPhase(mysql.length);
  const pgSnapshot = createSnapshotPhase(pg.length);

  const msg = (topic: string, key: unknown, value: unknown, now: number, raw?: Uint8Array): RawMessage => ({
    sourceId: options.sourceId,
    origin: { kind: 'demo', topic, seq: ++seq, timestamp: now },
    key: key === undefined ? null : json(key),
    value: raw ?? (value === null ? null : json(value)),
    headers: {},
    receivedAt: now,
  });

  function mysqlChange(
    out: RawMessage[],
    t: TableState,
    input: EnvelopeInput,
    now: number,
    tx?: { gtid: string; row: number },
  ) {
    const id = (input.after ?? input.before)?.[t.def.pk];
    const gtid = tx?.gtid ?? `0-1-${++gtidSeq}`;
    const base = `${t.def.db}.${t.def.table}`;
    for (const side of ['a', 'b'] as const) {
      const server = `demo_${side}`;
      const b = binlog[side];
      b.pos += rnd.int(200, 900);
      const env = mysqlEnvelope(
        { ...input, transaction: side === 'a' ? input.transaction : undefined },
        { server, serverId: b.serverId, gtid, file: b.file, pos: b.pos, row: tx?.row ?? 0 },
      );
      const value = side === 'a' ? withSchema(env, `${server}.${base}.Envelope`, t.types, t.def.pk) : env;
      const key =
        side === 'a'
          ? {
              schema: {
                type: 'struct',
                fields: [{ type: 'int64', optional: false, field: t.def.pk }],
                optional: false,
              },
              payload: { [t.def.pk]: id },
            }
          : { [t.def.pk]: id };
      const topic = `${server}.${base}`;
      const events = [msg(topic, key, value, now)];
      if (input.op === 'd') events.push(msg(topic, key, null, now));
      if (side === 'a') out.push(...events);
      // The hot row is never lost on B: its history is the demo's complete chain on both replicas.
      else replicaB.copy(events, now, isHot(t, id as number));
    }
  }

  /** `lost`: the index of an event END counts that is never sent (the demo's incomplete transaction). */
  function mysqlTransaction(out: RawMessage[], now: number, size: number, lost?: number) {
    const gtid = `0-1-${++gtidSeq}`;
    const id = `file=${binlog.a.file},pos=${binlog.a.pos}`;
    const tables = Array.from({ length: size }, () => rnd.pick(mysql));
    const counts = new Map<string, number>();
    out.push(
      msg(
        'demo_a.transaction',
        { id },
        { status: 'BEGIN', id, event_count: null, data_collections: null, ts_ms: now },
        now,
      ),
    );
    tables.forEach((t, i) => {
      const name = `${t.def.db}.${t.def.table}`;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      const transaction = { id, total_order: i + 1, data_collection_order: counts.get(name) ?? 1 };
      const change = { ...nextChange(t, now), transaction };
      if (i !== lost) mysqlChange(out, t, change, now, { gtid, row: i });
    });
    const data_collections = [...counts].map(([data_collection, event_count]) => ({ data_collection, event_count }));
    out.push(
      msg('demo_a.transaction', { id }, { status: 'END', id, event_count: size, data_collections, ts_ms: now }, now),
    );
  }

  /** A planned ALTER: the table's rows take the new shape and both connectors announce it on their schema-change topic. */
  function schemaChange(out: RawMessage[], now: number) {
    const step = drift.due(now);
    const t = step && mysql[step.table];
    if (step === undefined || t === undefined) return;
    const { db, table, pk } = t.def;
    const ddl =
      step.add !== undefined
        ? `ALTER TABLE ${table} ADD COLUMN ${step.add} VARCHAR(20) NULL`
        : `ALTER TABLE ${table} DROP COLUMN ${step.remove ?? ''}`;
    if (step.add !== undefined) t.types.set(step.add, 'string');
    for (const server of ['demo_a', 'demo_b'])
      out.push(msg(server, { databaseName: db }, schemaChangeValue({ server, db, table, pk, ddl, now }), now));
  }

  function pgChange(out: RawMessage[], now: number) {
    const t = rnd.pick(pg);
    const input = nextChange(t, now);
    lsn += rnd.int(100, 2000);
    out.push(
      msg(`demo_pg.${t.def.db}.${t.def.table}`, undefined, postgresEnvelope(input, 'demo_pg', lsn, ++txSeq), now),
    );
  }

  /** Reads the tables due now; true while the snapshot is still running (no streaming until it ends, as in Debezium). */
  function snapshot(out: RawMessage[], now: number): boolean {
    for (const i of mysqlSnapshot.due(now)) {
      const t = mysql[i] as TableState;
      for (let r = 0; r < SNAPSHOT_ROWS; r++) {
        const flag = snapshotFlag(i, mysql.length, r, SNAPSHOT_ROWS);
        mysqlChange(out, t, { ...nextChange(t, now, true), snapshot: flag }, now);
      }
    }
    for (const i of pgSnapshot.due(now)) {
      const t = pg[i] as TableState;
      for (let r = 0; r < SNAPSHOT_ROWS; r++) {
        lsn += 64;
        const input = { ...nextChange(t, now, true), snapshot: snapshotFlag(i, pg.length, r, SNAPSHOT_ROWS) };
        out.push(
          msg(`demo_pg.${t.def.db}.${t.def.table}`, undefined, postgresEnvelope(input, 'demo_pg', lsn, txSeq), now),
        );
      }
    }
    return !(mysqlSnapshot.done && pgSnapshot.done);
  }

  /** Synthetic tables of `demo_load` (extra-tables.ts): one snapshot row each, then a share of the changes. */
  const extra = options.extraTables ?? 0;
  function extraChange(now: number, i: number, op: 'r' | 'u'): RawMessage {
    const lag = lagFor(now);
    const { topic, value } = extraTableChange({ rnd, now, lag, i, op, lsn: (lsn += 64), txSeq });
    return msg(topic, undefined, value, now);
  }

  function malformed(now: number): RawMessage {
    const topic = `demo_a.${rnd.pick(mysql).def.db}.${rnd.pick(mysql).def.table}`;
    return msg(topic, undefined, null, now, malformedValue(rnd));
  }

  return {
    tick(now, changes) {
      const out: RawMessage[] = [];
      const snapshotting = !snapshotDone && snapshot(out, now);
      if (!snapshotDone && !snapshotting) {
        for (let i = 1; i <= extra; i++) out.push(extraChange(now, i, 'r'));
        snapshotDone = true;
      }
      // Planned schema changes and special transactions start once the snapshot is over.
      const special = snapshotting ? undefined : plan.due(now);
      if (!snapshotting) schemaChange(out, now);
      if (special !== undefined)
        mysqlTransaction(
          out,
          now,
          special.size,
          special.kind === 'incomplete' ? rnd.int(0, special.size - 1) : undefined,
        );
      let left = snapshotting ? 0 : changes;
      while (left > 0) {
        if (rnd.chance(0.4)) {
          pgChange(out, now);
          left--;
        } else if (rnd.chance(0.2) && left >= 2) {
          const size = Math.min(left, rnd.int(2, 4));
          mysqlTransaction(out, now, size);
          left -= size;
        } else {
          const t = rnd.pick(mysql);
          mysqlChange(out, t, nextChange(t, now), now);
          left--;
        }
        if (rnd.chance(MALFORMED_RATE)) out.push(malformed(now));
      }
      for (let i = 0; extra > 0 && i < changes; i++) out.push(extraChange(now, rnd.int(1, extra), 'u'));
      if (!snapshotting)
        for (const m of shop.tick(now, changes))
          out.push({ ...msg(m.topic, undefined, null, now, m.value ?? undefined), key: m.key, headers: m.headers });
      if (!snapshotting && now - lastHot >= HOT_ROW_EVERY_MS) {
        lastHot = now;
        const hot = mysql[0];
        if (hot !== undefined) mysqlChange(out, hot, hotChange(hot, now), now);
      }
      if (now - lastHeartbeat >= HEARTBEAT_EVERY_MS) {
        lastHeartbeat = now;
        for (const s of ['demo_a', 'demo_b'])
          out.push(msg(`__debezium-heartbeat.${s}`, { serverName: s }, { ts_ms: now }, now));
      }
      replicaB.release(out, now, () => ++seq);
      return out;
    },
  };
}
