/**
 * Commit → visible on the local stack (issue #15): rows committed one at a
 * time at known times (MariaDB primary → replica_a → Kafka; PostgreSQL →
 * Debezium Server → JetStream), each polled in the pipeline's inspector (what
 * `/api/events` answers) every 10 ms until it appears, beside what the
 * dashboard itself reports: the heartbeat clock's end-to-end lag and the
 * per-event lag from MariaDB's whole-second `source.ts_ms`.
 *
 *   flock /tmp/cdcscope-stack.lock bash -c 'scripts/stack up && npx tsx bench/commit-visible.ts [--rows 40]; scripts/stack down'
 */
import mysql from 'mysql2/promise';
import pg from 'pg';
import {
  commitVisibleConfig,
  mariadbCommitVisible,
  percentile,
  postgresCommitVisible,
  type Visible,
} from '../test/support/commit-visible';
import { startPipeline } from '../test/support/pipeline-harness';
import { stackEnv, waitFor } from '../test/support/stack-env';

const rowsArg = process.argv.indexOf('--rows');
const rows = rowsArg >= 0 ? Number(process.argv[rowsArg + 1] ?? '40') : 40;
const env = stackEnv();
const run = `bench-${Date.now()}`;

function line(label: string, v: Visible[]): Record<string, number> {
  const ms = v.map((x) => x.ms);
  const shown = v.flatMap((x) => (x.item.lagMs === undefined ? [] : [x.item.lagMs]));
  const out = {
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    shownP50: Math.round(percentile(shown, 50)),
    shownP95: Math.round(percentile(shown, 95)),
  };
  console.log(
    `${label}: commit → visible p50 ${out.p50} ms, p95 ${out.p95} ms over ${v.length} rows; the per-event lag shown p50 ${out.shownP50} ms, p95 ${out.shownP95} ms (${v.at(-1)?.item.lagClock?.note ?? 'no ±1 s label'})`,
  );
  return out;
}

async function main() {
  const harness = await startPipeline(commitVisibleConfig(env));
  const primary = await mysql.createConnection({
    host: env.STACK_HOST,
    port: Number(env.MARIADB_PRIMARY_PORT),
    user: env.MARIADB_USER,
    password: env.MARIADB_PASSWORD,
    database: env.MARIADB_DATABASE,
  });
  const pgc = new pg.Client({
    host: env.STACK_HOST,
    port: Number(env.PG_PORT),
    user: env.PG_USER,
    password: env.PG_PASSWORD,
    database: env.PG_DATABASE,
  });
  await pgc.connect();
  try {
    const { state } = harness.pipeline;
    // Each row's label needs the connector's clock known: 8 whole-second commits, the heartbeats give one every 2 s.
    await waitFor(
      "replica_a's clock known, and its first heartbeat row",
      () =>
        state.lag().clocks?.some((c) => c.serverName === 'replica_a' && c.clock.resolutionMs !== null && c.heartbeat),
      60_000,
    );
    const maria = line(
      'MariaDB → Kafka (replica_a)',
      await mariadbCommitVisible(state, primary, 'replica_a.inventory.customers', rows, run),
    );
    const schema = env.PG_SCHEMA ?? 'inventory';
    const postgres = line(
      'PostgreSQL → JetStream',
      await postgresCommitVisible(state, pgc, schema, `${env.PG_TOPIC_PREFIX}.${schema}.customers`, rows, run),
    );
    const hb = state.lag().clocks?.find((c) => c.serverName === 'replica_a')?.heartbeat;
    console.log(
      `replica_a heartbeat clock: end-to-end p50 ${hb?.endToEnd.p50 ?? '—'} ms, p95 ${hb?.endToEnd.p95 ?? '—'} ms over ${hb?.samples ?? 0} rows; skew bound ${hb?.skew.dbBehindAtMostMs ?? '—'} ms`,
    );
    console.log(
      JSON.stringify({
        mariadbP50: maria.p50,
        mariadbP95: maria.p95,
        postgresP50: postgres.p50,
        postgresP95: postgres.p95,
        heartbeatP50: hb?.endToEnd.p50,
        heartbeatP95: hb?.endToEnd.p95,
      }),
    );
  } finally {
    await Promise.allSettled([harness.stop(), primary.end(), pgc.end()]);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
