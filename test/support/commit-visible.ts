import type mysql from 'mysql2/promise';
import type pg from 'pg';
import type { DashboardState } from '../../server/pipeline/dashboard-state';
import type { EventListItem } from '../../lib/contracts/event-view';

/**
 * Commit → visible on the real stack: commit one row at a known time, poll
 * the pipeline's inspector (what `/api/events` answers) every 10 ms until it
 * is there. One row at a time, at a random gap, so rows land at random
 * phases of the connectors' poll cycles (a fixed gap would sample one phase).
 * Shared by test/integration/lag-clocks.test.ts and bench/commit-visible.ts.
 */
export interface Visible {
  /** Commit → seen by a poll, ms: `sent` is taken just before the autocommit INSERT is sent. */
  ms: number;
  /** Commit → the pipeline's receive time of the event, ms (no poll delay). */
  receivedMs: number;
  item: EventListItem;
}

const POLL_MS = 10;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function pollFor(state: DashboardState, table: string, email: string, sent: number): Promise<Visible> {
  const deadline = sent + 30_000;
  for (;;) {
    const page = state.events({ table, q: email, limit: 5 });
    const item = page.ok ? page.value.items[0] : undefined;
    if (item !== undefined) return { ms: Date.now() - sent, receivedMs: item.receivedAt - sent, item };
    if (Date.now() > deadline) throw new Error(`${email} not visible in ${table} within 30 s`);
    await sleep(POLL_MS);
  }
}

/** Inserts `n` customers on the MariaDB primary, one at a time, each waited for in `table` (e.g. replica_a's). */
export async function mariadbCommitVisible(
  state: DashboardState,
  primary: mysql.Connection,
  table: string,
  n: number,
  run: string,
): Promise<Visible[]> {
  const out: Visible[] = [];
  for (let i = 0; i < n; i++) {
    const email = `cv-${run}-m${i}@example.com`;
    const sent = Date.now();
    await primary.query(
      'INSERT INTO customers (first_name, last_name, email, password, phone) VALUES (?, ?, ?, ?, NULL)',
      ['Commit', 'Visible', email, 'secret'],
    );
    out.push(await pollFor(state, table, email, sent));
    await sleep(150 + Math.random() * 600);
  }
  return out;
}

/** Inserts `n` customers in PostgreSQL (Debezium Server → JetStream), one at a time, each waited for in `table`. */
export async function postgresCommitVisible(
  state: DashboardState,
  client: pg.Client,
  schema: string,
  table: string,
  n: number,
  run: string,
): Promise<Visible[]> {
  const out: Visible[] = [];
  for (let i = 0; i < n; i++) {
    const email = `cv-${run}-p${i}@example.com`;
    const sent = Date.now();
    await client.query(
      `INSERT INTO ${schema}.customers (first_name, last_name, email, password, loyalty_points) VALUES ('Commit', 'Visible', $1, 'secret', 0)`,
      [email],
    );
    out.push(await pollFor(state, table, email, sent));
    await sleep(150 + Math.random() * 600);
  }
  return out;
}

/** Nearest-rank percentile. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
}

/** The stack's dashboard configuration for these measurements: fresh data only (start at the end). */
export function commitVisibleConfig(env: Record<string, string>) {
  return {
    sources: [
      {
        id: 'kafka',
        kind: 'kafka',
        brokers: [env.KAFKA_BOOTSTRAP],
        clientId: `cdcscope-cv-${Date.now()}`,
        topics: ['/^replica_[ab]\\.(inventory\\.customers|stack_meta\\.heartbeat)$/'],
        start: 'latest',
        topicRefreshMs: 5_000,
      },
      {
        id: 'nats',
        kind: 'jetstream',
        servers: [env.NATS_URL],
        stream: env.NATS_STREAM,
        subject: `${env.PG_TOPIC_PREFIX}.${env.PG_SCHEMA}.customers`,
        start: 'new',
        primaryKeys: { 'inventory.customers': ['id'] },
      },
    ],
    replicas: [{ id: 'inventory', a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' } }],
  };
}
