import type { Random } from './random';

/** Rows the demo tables hold: realistic shapes (JSON, decimals as strings, nullable columns, a password). */
export type DemoRow = Record<string, unknown>;

export interface DemoTable {
  db: string;
  table: string;
  /** Primary key column. */
  pk: string;
  make(id: number, rnd: Random, now: number): DemoRow;
  /** Returns a changed copy of the row, as an UPDATE would. */
  change(row: DemoRow, rnd: Random, now: number): DemoRow;
}

const FIRST = ['Ada', 'Grace', 'Linus', 'Barbara', 'Edsger', 'Margaret', 'Ken', 'Radia', 'Donald', 'Frances'];
const LAST = [
  'Lovelace',
  'Hopper',
  'Torvalds',
  'Liskov',
  'Dijkstra',
  'Hamilton',
  'Thompson',
  'Perlman',
  'Knuth',
  'Allen',
];
const STATUSES = ['new', 'paid', 'packed', 'shipped', 'delivered', 'cancelled'];
const PRODUCTS = ['keyboard', 'monitor', 'cable', 'dock', 'webcam', 'headset', 'mouse', 'lamp'];

const money = (rnd: Random, max: number) => (rnd.int(100, max * 100) / 100).toFixed(2);

const customers: DemoTable = {
  db: 'inventory',
  table: 'customers',
  pk: 'id',
  make: (id, rnd, now) => {
    const first = rnd.pick(FIRST);
    const last = rnd.pick(LAST);
    return {
      id,
      first_name: first,
      last_name: last,
      email: `${first}.${last}${id}@example.com`.toLowerCase(),
      password: `pbkdf2$${rnd.int(100000, 999999)}`,
      phone: rnd.chance(0.3) ? null : `+1-555-${rnd.int(1000, 9999)}`,
      loyalty_points: rnd.int(0, 5000),
      address: { city: rnd.pick(['Lisbon', 'Oslo', 'Lima', 'Osaka']), zip: String(rnd.int(10000, 99999)) },
      created_at: now - rnd.int(0, 86_400_000),
    };
  },
  change: (row, rnd) =>
    rnd.chance(0.5)
      ? { ...row, loyalty_points: Number(row.loyalty_points) + rnd.int(1, 50) }
      : {
          ...row,
          phone: rnd.chance(0.5) ? null : `+1-555-${rnd.int(1000, 9999)}`,
          address: { city: rnd.pick(['Lisbon', 'Oslo', 'Lima', 'Osaka']), zip: String(rnd.int(10000, 99999)) },
        },
};

const orders: DemoTable = {
  db: 'inventory',
  table: 'orders',
  pk: 'id',
  make: (id, rnd, now) => ({
    id,
    customer_id: rnd.int(1, 500),
    status: 'new',
    total: money(rnd, 900),
    items: Array.from({ length: rnd.int(1, 3) }, () => ({ sku: rnd.pick(PRODUCTS), qty: rnd.int(1, 4) })),
    note: rnd.chance(0.8) ? null : 'leave at the door',
    updated_at: now,
  }),
  change: (row, rnd, now) => ({ ...row, status: rnd.pick(STATUSES), updated_at: now }),
};

const products: DemoTable = {
  db: 'inventory',
  table: 'products',
  pk: 'id',
  make: (id, rnd) => ({
    id,
    name: `${rnd.pick(PRODUCTS)}-${id}`,
    price: money(rnd, 300),
    stock: rnd.int(0, 500),
    tags: [rnd.pick(['new', 'sale', 'eco'])],
  }),
  change: (row, rnd) => ({
    ...row,
    stock: Math.max(0, Number(row.stock) - rnd.int(1, 5)),
    price: rnd.chance(0.1) ? money(rnd, 300) : row.price,
  }),
};

const accounts: DemoTable = {
  db: 'billing',
  table: 'accounts',
  pk: 'id',
  make: (id, rnd, now) => ({
    id,
    owner: `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`,
    balance: money(rnd, 10000),
    currency: rnd.pick(['EUR', 'USD']),
    opened_at: now,
  }),
  change: (row, rnd) => ({ ...row, balance: money(rnd, 10000) }),
};

const payments: DemoTable = {
  db: 'billing',
  table: 'payments',
  pk: 'id',
  make: (id, rnd, now) => ({
    id,
    account_id: rnd.int(1, 300),
    amount: money(rnd, 500),
    method: rnd.pick(['card', 'sepa', 'wire']),
    state: 'pending',
    created_at: now,
  }),
  change: (row, rnd) => ({ ...row, state: rnd.pick(['settled', 'failed', 'refunded']) }),
};

const outbox: DemoTable = {
  db: 'billing',
  table: 'outbox',
  pk: 'id',
  make: (id, rnd, now) => ({
    id: `evt-${id}`,
    aggregatetype: 'payment',
    aggregateid: String(rnd.int(1, 300)),
    type: rnd.pick(['PaymentCreated', 'PaymentSettled']),
    payload: JSON.stringify({ amount: money(rnd, 500), at: now }),
  }),
  change: (row) => row,
};

/** MariaDB-style tables, captured by the replica pair `demo_a` / `demo_b`. */
export const MYSQL_TABLES: readonly DemoTable[] = [customers, orders, products];
/** PostgreSQL-style tables (db = schema), captured by `demo_pg`. */
export const PG_TABLES: readonly DemoTable[] = [accounts, payments, outbox];
