/**
 * Freshness (issue #11 target 5): from a MariaDB commit to the table's change
 * counter changing in the browser, under `scripts/stack load` on the real
 * stack; p50/p95 beside Debezium's own capture lag for the same rows. Prints
 * figures and the verdict (p95 ≤ capture lag p95 + 300 ms); no pass/fail exit.
 *
 *   flock /tmp/cdcscope-stack.lock bash -c 'scripts/stack up && flock /tmp/cdcscope-e2e.lock \
 *     npx tsx bench/commit-to-browser.ts [--probes 40] [--load-rate 760] [--load-procs 4] [--page table|overview] [--settle 10]'
 *
 * Needs the built app (bash scripts/ensure-build.sh). What it does:
 * - a probe table, inventory.freshness_probe, made once on the primary: the load generator never writes it,
 *   so its counter counts the probes alone, and the counter's value says which probes a change shows
 *   (bench/freshness.ts); its `ts` column is `NOW(3)`, the commit time to the millisecond (MariaDB's
 *   binlog time, `source.ts_ms`, is whole seconds), as the stack's heartbeat table does;
 * - a cdcscope server on bench/commit-to-browser.config.yaml (the stack config, starting at the end);
 * - `scripts/stack load --db mariadb --rate N` all along (N operations/s; the mix averages ~1.3 row changes
 *   per operation, so the default 760 asks ~1,000 changes/s) through the same replica_a connector;
 * - Chromium on the probe table's page (or the overview row), a MutationObserver timing each counter change;
 * - probe rows committed one at a time at random 150–750 ms gaps (random phases of the poll cycles);
 * - each probe's Debezium event read from its topic with kafkajs, for `ts_ms` and `source.ts_ms`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { chromium, type Browser } from '@playwright/test';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import mysql from 'mysql2/promise';
import { stackEnv } from '../test/support/stack-env';
import { startLoad, stopLoad, type Load } from './stack-load';
import {
  attributeProbes,
  counterObserverScript,
  freshnessFigures,
  freshnessReport,
  probeEventOf,
  summarize,
  type CounterChange,
  type ProbeEvent,
} from './freshness';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const probes = Number(arg('probes', '40'));
const loadRate = Number(arg('load-rate', '760'));
const settle = Number(arg('settle', '10'));
const loadProcs = Number(arg('load-procs', '4'));
const pageKind = arg('page', 'table');
/** Not an e2e port (3101–3105) nor browser-frames' (3191). */
const PORT = 3192;
const base = `http://127.0.0.1:${PORT}`;
const TABLE = 'freshness_probe';
const TABLE_KEY = `replica_a.inventory.${TABLE}`;
const run = `fresh-${Date.now()}`;
/** Fixed width: the inspector's search is a substring match, and `p1` would also find `p10`. */
const probeTag = (k: number) => `${run}-p${String(k).padStart(4, '0')}`;
const env = stackEnv();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadNow = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

const PAGES: Record<string, { path: string; selector: string }> = {
  table: { path: `/tables/${encodeURIComponent(TABLE_KEY)}`, selector: '[data-testid="table-total"]' },
  overview: { path: '/', selector: `[data-testid="table-row"][data-table="${TABLE_KEY}"] [data-testid="table-total"]` },
};

async function requireStack(): Promise<void> {
  const state = await fetch(`${env.CONNECT_URL}/connectors/replica_a/status`)
    .then((r) => r.json() as Promise<{ connector?: { state?: string } }>)
    .catch(() => undefined);
  if (state?.connector?.state !== 'RUNNING')
    throw new Error(
      "needs the local stack up with replica_a running: flock /tmp/cdcscope-stack.lock bash -c 'scripts/stack up && …'",
    );
}

/** Made only when missing: a CREATE … IF NOT EXISTS is binlogged even when it does nothing. */
async function ensureProbeTable(db: mysql.Connection): Promise<void> {
  const [rows] = await db.query(
    'SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?',
    [TABLE],
  );
  if (Number((rows as { n: number }[])[0]?.n) > 0) return;
  await db.query(
    `CREATE TABLE ${TABLE} (id BIGINT AUTO_INCREMENT PRIMARY KEY, tag VARCHAR(100) NOT NULL, ts TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3))`,
  );
}

const insertProbe = (db: mysql.Connection, tag: string) =>
  db.query(`INSERT INTO ${TABLE} (tag, ts) VALUES (?, NOW(3))`, [tag]);

async function tables(): Promise<{ tableKey: string; totals: Record<string, number> }[]> {
  return fetch(`${base}/api/tables`)
    .then((r) => (r.ok ? (r.json() as Promise<{ tableKey: string; totals: Record<string, number> }[]>) : []))
    .catch(() => []);
}
const total = (t: { totals: Record<string, number> }) => Object.values(t.totals).reduce((s, v) => s + v, 0);
/** Events cdcscope counted on replica_a's load tables: its intake of the load, for the rate the pipeline really saw. */
const loadEvents = async () =>
  (await tables())
    .filter((t) => t.tableKey.startsWith('replica_a.inventory.') && t.tableKey !== TABLE_KEY)
    .reduce((s, t) => s + total(t), 0);

/** cdcscope's receive time of each probe's event, from its inspector (what `/api/events` answers). */
async function receivedTimes(): Promise<(number | undefined)[]> {
  const out: (number | undefined)[] = [];
  for (let k = 0; k < probes; k++) {
    const q = new URLSearchParams({ table: TABLE_KEY, q: probeTag(k), limit: '5' });
    const page = await fetch(`${base}/api/events?${q}`)
      .then((r) => r.json() as Promise<{ items?: { receivedAt: number }[] }>)
      .catch(() => undefined);
    out.push(page?.items?.[0]?.receivedAt);
  }
  return out;
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, ms: number, every = 500): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await sleep(every);
  }
}

function startServer(): ChildProcess {
  return spawn('node_modules/.bin/tsx', ['server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      CDCSCOPE_CONFIG: 'bench/commit-to-browser.config.yaml',
      CDCSCOPE_PORT: String(PORT),
      CDCSCOPE_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
}

const kafka = () =>
  new Kafka({ clientId: 'cdcscope-freshness', brokers: [env.KAFKA_BOOTSTRAP ?? ''], logLevel: logLevel.NOTHING });

/** Each probe's own event on its topic: `ts_ms`, `source.ts_ms` and the row's NOW(3). */
async function readProbeEvents(seen: Map<string, ProbeEvent>): Promise<Consumer> {
  const consumer = kafka().consumer({ groupId: `cdcscope-${run}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [TABLE_KEY], fromBeginning: true });
  void consumer.run({
    autoCommit: false,
    eachMessage: ({ message }) => {
      const e = message.value ? probeEventOf(message.value.toString(), `${run}-p`) : undefined;
      if (e) seen.set(e.tag, e.event);
      return Promise.resolve();
    },
  });
  return consumer;
}

/** Its consumer group goes with it: nothing of the bench stays in the broker's group list. */
async function dropProbeReader(consumer: Consumer): Promise<void> {
  await consumer.disconnect().catch(() => undefined);
  const admin = kafka().admin();
  await admin.connect();
  await admin.deleteGroups([`cdcscope-${run}`]).catch(() => undefined);
  await admin.disconnect();
}

async function main() {
  const page = PAGES[pageKind];
  if (!page) throw new Error(`--page must be one of ${Object.keys(PAGES).join(', ')}`);
  await requireStack();
  const primary = await mysql.createConnection({
    host: env.STACK_HOST,
    port: Number(env.MARIADB_PRIMARY_PORT),
    user: env.MARIADB_USER,
    password: env.MARIADB_PASSWORD,
    database: env.MARIADB_DATABASE,
  });
  await ensureProbeTable(primary);
  const server = startServer();
  let browser: Browser | undefined;
  let load: Load | undefined;
  let consumer: Consumer | undefined;
  try {
    await waitFor(
      'the dashboard to answer',
      () =>
        fetch(`${base}/api/healthz`).then(
          (r) => r.ok || undefined,
          () => undefined,
        ),
      120_000,
    );
    load = startLoad(loadRate, loadProcs, 240 + settle + probes * 2);
    // It starts at the topics' end: the probe table appears with its first new event.
    let warm = 0;
    await waitFor(
      `${TABLE_KEY} in /api/tables`,
      async () => {
        await insertProbe(primary, `${run}-w${warm++}`);
        return (await tables()).some((t) => t.tableKey === TABLE_KEY) || undefined;
      },
      90_000,
      2000,
    );
    const seen = new Map<string, ProbeEvent>();
    consumer = await readProbeEvents(seen);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    const tab = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await tab.goto(`${base}${page.path}`, { waitUntil: 'load' });
    await tab.waitForSelector(page.selector, { timeout: 60_000 });
    await tab.evaluate(counterObserverScript(page.selector));
    const shownValue = () => tab.evaluate<number | undefined>('window.__freshness.last');
    // The base: the page shows what the server counted, all warm-up rows in.
    await sleep(3000);
    const start = await waitFor(
      "the page to show the server's count",
      async () => {
        const want = (await tables()).find((t) => t.tableKey === TABLE_KEY);
        const shown = await shownValue();
        return want && shown === total(want) ? shown : undefined;
      },
      30_000,
    );
    await sleep(settle * 1000);
    const startLoadAvg = loadNow();
    const events0 = await loadEvents();
    const t0 = Date.now();
    const sentAt: number[] = [];
    for (let k = 0; k < probes; k++) {
      const sent = Date.now();
      await insertProbe(primary, probeTag(k));
      sentAt.push(sent);
      await sleep(150 + Math.random() * 600);
    }
    const pipelineRate = ((await loadEvents()) - events0) / ((Date.now() - t0) / 1000);
    await waitFor(
      'every probe on the page and read from its topic',
      async () => (((await shownValue()) ?? 0) >= start + probes && seen.size >= probes ? true : undefined),
      60_000,
    ).catch((e: unknown) => console.error(String(e)));
    const endLoadAvg = loadNow();
    const loadLine = await stopLoad(load);
    load = undefined;
    const changes = await tab.evaluate<CounterChange[]>('window.__freshness.changes');
    const shown = attributeProbes(start, probes, changes);
    const events = Array.from({ length: probes }, (_, k) => seen.get(probeTag(k)));
    const f = summarize(shown, events, await receivedTimes());
    const rowAfterSend = events.flatMap((e, k) => (e ? [e.rowTsMs - (sentAt[k] ?? 0)] : []));
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB; load average ${startLoadAvg} at the first probe, ${endLoadAvg} after the last`,
    );
    console.log(
      `load generator: ${loadLine}; cdcscope took in ${Math.round(pipelineRate)} events/s of replica_a's load tables while probing`,
    );
    console.log(`${probes} probes on ${TABLE_KEY}, ${pageKind} page, one at a time at random 150–750 ms gaps`);
    for (const line of freshnessReport(f, rowAfterSend)) console.log(line);
    console.log(JSON.stringify({ page: pageKind, probes, ...freshnessFigures(f), loadAvg: endLoadAvg }));
  } finally {
    if (load) await stopLoad(load);
    if (consumer) await dropProbeReader(consumer).catch(() => undefined);
    await browser?.close();
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
    await primary.end().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
