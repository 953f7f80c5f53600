/**
 * `scripts/stack load [--rate N] [--seconds S] [--db both|mariadb|postgres] [--alter-every S] [--max-alters N]`
 * Steady OLTP-like traffic on the MariaDB primary and the PostgreSQL `shop` database:
 * N operations per second on each, a mix of inserts, updates and deletes, multi-row
 * transactions and primary-key updates (Debezium turns those into delete + create).
 * On MariaDB, new orders and status changes also write an event to the outbox table in
 * the same transaction (Debezium's outbox pattern; see sql/mariadb-outbox.sql).
 * Every --alter-every seconds (default 30; 0 never), at most --max-alters times a run
 * (default 2), it adds a column to `products` on each database (load-drift.ts).
 * --seconds 0 runs until Ctrl-C but never longer than --max-seconds (default 3600):
 * the generator always stops by itself.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync, rmSync } from 'node:fs';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { pick, randomOp, row, type Op } from './load-data';
import { driftDue, driftOnce, type DriftPlan } from './load-drift';
import { errorMessage } from '../../lib/error-message';

const env = (k: string): string => {
  const v = process.env[k];
  if (!v) throw new Error(`${k} is not set (run through scripts/stack load)`);
  return v;
};

function parseArgs(argv: string[]) {
  const o = { rate: 10, seconds: 60, maxSeconds: 3600, db: 'both', alterEvery: 30, maxAlters: 2 };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    if (k === '--rate') o.rate = Number(v);
    else if (k === '--seconds') o.seconds = Number(v);
    else if (k === '--max-seconds') o.maxSeconds = Number(v);
    else if (k === '--db') o.db = String(v);
    else if (k === '--alter-every') o.alterEvery = Number(v);
    else if (k === '--max-alters') o.maxAlters = Number(v);
    else
      throw new Error(
        `unknown option ${k}; usage: load [--rate N] [--seconds S] [--db both|mariadb|postgres] [--alter-every S] [--max-alters N]`,
      );
    i++;
  }
  if (!(o.rate > 0 && o.rate <= 2000)) throw new Error('--rate must be between 1 and 2000 operations/s per database');
  if (!(o.seconds >= 0) || !(o.maxSeconds > 0)) throw new Error('--seconds must be >= 0 and --max-seconds > 0');
  if (!['both', 'mariadb', 'postgres'].includes(o.db)) throw new Error('--db must be both, mariadb or postgres');
  if (!(o.alterEvery >= 0) || !(o.maxAlters >= 0 && o.maxAlters <= 10))
    throw new Error('--alter-every must be >= 0 and --max-alters between 0 and 10');
  return o;
}

/** One database behind the same tiny API; SQL uses `?` placeholders and MariaDB spellings. */
interface Db {
  name: string;
  q(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
  now: string;
  json(obj: unknown): string;
}

async function mariadb(): Promise<Db> {
  const c = await mysql.createConnection({
    host: env('STACK_HOST'),
    port: Number(env('MARIADB_PRIMARY_PORT')),
    user: env('MARIADB_USER'),
    password: env('MARIADB_PASSWORD'),
    database: env('MARIADB_DATABASE'),
    connectTimeout: 5000,
  });
  return {
    name: 'mariadb',
    now: 'NOW(3)',
    json: (o) => JSON.stringify(o),
    q: async (sql, params = []) => {
      const [rows] = await c.query(sql, params);
      return Array.isArray(rows) ? (rows as Record<string, unknown>[]) : [];
    },
    close: () => c.end(),
  };
}

async function postgres(): Promise<Db> {
  const c = new pg.Client({
    host: env('STACK_HOST'),
    port: Number(env('PG_PORT')),
    user: env('PG_USER'),
    password: env('PG_PASSWORD'),
    database: env('PG_DATABASE'),
    connectionTimeoutMillis: 5000,
  });
  await c.connect();
  await c.query(`SET search_path = ${env('PG_SCHEMA')}`);
  return {
    name: 'postgres',
    now: 'now()',
    json: (o) => JSON.stringify(o),
    q: async (sql, params = []) => {
      let n = 0;
      const r = await c.query<Record<string, unknown>>(
        sql.replace(/\?/g, () => `$${++n}`),
        params,
      );
      return r.rows;
    },
    close: () => c.end(),
  };
}

async function randomId(db: Db, table: string): Promise<number | undefined> {
  const r = await db.q(
    `SELECT id FROM ${table} WHERE id >= (SELECT MIN(id) + CAST(? AS DECIMAL(12,9)) * (MAX(id) - MIN(id)) FROM ${table}) ORDER BY id LIMIT 1`,
    [Math.random()],
  );
  return r[0] ? Number(r[0].id) : undefined;
}

/** Runs one operation; returns how many row changes it made (for the summary). */
async function run(db: Db, op: Op): Promise<number> {
  const my = db.name === 'mariadb';
  switch (op) {
    case 'insert-customer': {
      const c = row.customer();
      await db.q(
        'INSERT INTO customers (first_name, last_name, email, password, phone, loyalty_points, birth_date) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [c.first, c.last, c.email, c.password, c.phone, c.points, c.birth],
      );
      return 1;
    }
    case 'insert-product': {
      const p = row.product();
      await db.q(
        'INSERT INTO products (sku, name, description, price, weight_kg, attributes, stock) VALUES (?, ?, ?, ?, ?, ?, ?)',
        [p.sku, p.name, p.description, p.price, p.weight, db.json(p.attributes), p.stock],
      );
      return 1;
    }
    case 'insert-order':
      return placeOrder(db, false);
    case 'place-order-tx':
      return placeOrder(db, true);
    case 'update-order-status': {
      const id = await randomId(db, 'orders');
      if (id === undefined) return 0;
      const status = pick(['paid', 'shipped', 'delivered', 'cancelled']);
      const update = () =>
        db.q(
          `UPDATE orders SET status = ?, shipped_at = ${status === 'shipped' ? db.now : 'shipped_at'} WHERE id = ?`,
          [status, id],
        );
      if (!my) await update();
      else
        await inTransaction(db, async () => {
          await update();
          await outboxEvent(db, id, 'OrderStatusChanged', { orderId: id, status });
        });
      return 1;
    }
    case 'update-product': {
      const id = await randomId(db, 'products');
      if (id === undefined) return 0;
      const attrs = my
        ? `JSON_SET(COALESCE(attributes, '{}'), '$.promo', ?)`
        : `COALESCE(attributes, '{}'::jsonb) || jsonb_build_object('promo', ?::boolean)`;
      await db.q(
        `UPDATE products SET price = ROUND(price * ?, 2), stock = stock + ?, attributes = ${attrs}, updated_at = ${db.now} WHERE id = ?`,
        [pick([0.9, 0.95, 1.05, 1.1]), Math.floor(Math.random() * 20) - 5, Math.random() < 0.5, id],
      );
      return 1;
    }
    case 'update-customer': {
      const id = await randomId(db, 'customers');
      if (id === undefined) return 0;
      const c = row.customer();
      await db.q(
        `UPDATE customers SET phone = ?, loyalty_points = ?, password = ?, updated_at = ${db.now} WHERE id = ?`,
        [c.phone, c.points, c.password, id],
      );
      return 1;
    }
    case 'bulk-ship-tx': {
      await db.q('BEGIN');
      try {
        const ids = (await db.q(`SELECT id FROM orders WHERE status = 'paid' ORDER BY id DESC LIMIT 5`)).map((r) =>
          Number(r.id),
        );
        if (ids.length)
          await db.q(
            `UPDATE orders SET status = 'shipped', shipped_at = ${db.now} WHERE id IN (${ids.map(() => '?').join(',')})`,
            ids,
          );
        await db.q('COMMIT');
        return ids.length;
      } catch (e) {
        await db.q('ROLLBACK').catch(() => undefined);
        throw e;
      }
    }
    case 'delete-order':
    case 'delete-customer': {
      const table = op === 'delete-order' ? 'orders' : 'customers';
      const id = await randomId(db, table);
      if (id === undefined) return 0;
      await db.q(`DELETE FROM ${table} WHERE id = ?`, [id]);
      return 1;
    }
    case 'rekey-order': {
      // A primary-key update. MariaDB takes MAX+1 (keeps AUTO_INCREMENT dense); PostgreSQL
      // takes the identity sequence's next value so later inserts never collide.
      const id = await randomId(db, 'orders');
      if (id === undefined) return 0;
      const next = my
        ? '(SELECT m FROM (SELECT MAX(id) + 1 AS m FROM orders) t)'
        : `nextval(pg_get_serial_sequence('orders', 'id'))`;
      await db.q(`UPDATE orders SET id = ${next} WHERE id = ?`, [id]);
      return 1;
    }
  }
}

/**
 * An order; as a transaction it also takes stock and credits loyalty points (3 rows). On
 * MariaDB it is always a transaction: its OrderCreated event goes into the outbox with it.
 */
async function placeOrder(db: Db, tx: boolean): Promise<number> {
  const [cid, pid] = [await randomId(db, 'customers'), await randomId(db, 'products')];
  if (cid === undefined || pid === undefined) return 0;
  const qty = 1 + Math.floor(Math.random() * 4);
  const outbox = db.name === 'mariadb';
  const work = async () => {
    const price = Number((await db.q('SELECT price FROM products WHERE id = ?', [pid]))[0]?.price ?? 9.99);
    const total = (price * qty).toFixed(2);
    const note = Math.random() < 0.3 ? pick(['gift wrap', 'leave at door', 'call first']) : null;
    await db.q(
      `INSERT INTO orders (customer_id, product_id, quantity, unit_price, total, status, note, order_date) VALUES (?, ?, ?, ?, ?, 'new', ?, CURRENT_DATE)`,
      [cid, pid, qty, price, total, note],
    );
    if (outbox) {
      const orderId = Number((await db.q('SELECT LAST_INSERT_ID() AS id'))[0]?.id);
      await outboxEvent(db, orderId, 'OrderCreated', {
        orderId,
        customerId: cid,
        productId: pid,
        quantity: qty,
        total,
        status: 'new',
        note,
      });
    }
    if (!tx) return;
    await db.q('UPDATE products SET stock = stock - ? WHERE id = ?', [qty, pid]);
    await db.q('UPDATE customers SET loyalty_points = COALESCE(loyalty_points, 0) + ? WHERE id = ?', [qty * 10, cid]);
  };
  if (tx || outbox) await inTransaction(db, work);
  else await work();
  return tx ? 3 : 1;
}

async function inTransaction(db: Db, work: () => Promise<void>): Promise<void> {
  await db.q('BEGIN');
  try {
    await work();
    await db.q('COMMIT');
  } catch (e) {
    await db.q('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

/**
 * An order event in the outbox (MariaDB only), inside the caller's transaction, deleted
 * again before COMMIT: the binlog keeps the insert, which the outbox connector's event
 * router turns into a message on outbox.event.order; the table itself stays empty.
 */
async function outboxEvent(db: Db, orderId: number, type: string, payload: Record<string, unknown>): Promise<void> {
  const id = randomUUID();
  await db.q('INSERT INTO outbox (id, aggregatetype, aggregateid, type, payload) VALUES (?, ?, ?, ?, ?)', [
    id,
    'order',
    String(orderId),
    type,
    JSON.stringify(payload),
  ]);
  await db.q('DELETE FROM outbox WHERE id = ?', [id]);
}

interface Tally {
  ops: number;
  rows: number;
  errors: number;
  /** Schema drift steps (ALTER TABLE) done. */
  alters: number;
  drift: string[];
  byOp: Record<string, number>;
  lastError?: string;
}

/** Fixed-rate loop: operation i is due at t0 + i/rate; a stall is not made up in a burst. */
async function drive(
  open: () => Promise<Db>,
  rate: number,
  until: () => boolean,
  t: Tally,
  drift: DriftPlan,
): Promise<void> {
  let db: Db | undefined;
  let t0 = Date.now();
  const started = t0;
  for (let i = 0; !until(); i++) {
    const due = t0 + (i * 1000) / rate;
    const wait = due - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    else if (wait < -1000) {
      t0 = Date.now();
      i = 0;
    }
    const op = randomOp();
    try {
      db ??= await open();
      if (driftDue(drift, Date.now() - started, t.alters)) {
        // Counted before it runs: a failing ALTER is not retried on every tick.
        t.alters++;
        t.drift.push(...(await driftOnce(db)));
      }
      t.rows += await run(db, op);
      t.ops++;
      t.byOp[op] = (t.byOp[op] ?? 0) + 1;
    } catch (e) {
      t.errors++;
      t.lastError = errorMessage(e);
      // Reconnect only when the connection itself is gone (a database stopped on purpose
      // by a fault verb); a failed statement on a live connection just counts as an error.
      if (
        db &&
        !(await db.q('SELECT 1').then(
          () => true,
          () => false,
        ))
      ) {
        await db.close().catch(() => undefined);
        db = undefined;
      }
    }
  }
  await db?.close().catch(() => undefined);
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const pidFile = `${env('STACK_HOME')}/run/load.pid`;
  writeFileSync(pidFile, String(process.pid));
  const limit = (o.seconds === 0 ? o.maxSeconds : Math.min(o.seconds, o.maxSeconds)) * 1000;
  const started = Date.now();
  let interrupted = false;
  const stop = () => {
    interrupted = true;
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const until = () => interrupted || Date.now() - started >= limit;
  const tallies: Record<string, Tally> = {};
  const jobs: Promise<void>[] = [];
  for (const [name, open] of [
    ['mariadb', mariadb],
    ['postgres', postgres],
  ] as const) {
    if (o.db !== 'both' && o.db !== name) continue;
    const t: Tally = (tallies[name] = { ops: 0, rows: 0, errors: 0, alters: 0, drift: [], byOp: {} });
    jobs.push(drive(open, o.rate, until, t, { everySeconds: o.alterEvery, maxPerRun: o.maxAlters }));
  }
  console.log(
    `load: ${o.rate} ops/s on ${Object.keys(tallies).join(' + ')} for ${o.seconds === 0 ? `up to ${o.maxSeconds} s (Ctrl-C stops)` : `${o.seconds} s`}`,
  );
  const progress = setInterval(() => {
    const s = Object.entries(tallies)
      .map(([n, t]) => `${n} ${t.ops} ops/${t.errors} errors`)
      .join(', ');
    console.log(`load: ${Math.round((Date.now() - started) / 1000)} s: ${s}`);
  }, 5000);
  await Promise.all(jobs);
  clearInterval(progress);
  rmSync(pidFile, { force: true });
  for (const [n, t] of Object.entries(tallies)) {
    console.log(
      `load: ${n}: ${t.ops} operations, ${t.rows} rows changed, ${t.errors} errors${t.lastError ? ` (last: ${t.lastError})` : ''} ${JSON.stringify(t.byOp)}${t.drift.length > 0 ? `; schema drift: ${t.drift.join(', ')}` : ''}`,
    );
  }
  const failed = Object.values(tallies).some((t) => t.ops === 0 && t.errors > 0);
  process.exit(failed ? 1 : 0);
}

main().catch((e: unknown) => {
  console.error(`stack: error: load: ${errorMessage(e)}`);
  process.exit(1);
});
