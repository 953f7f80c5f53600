/**
 * Frames per second, long tasks and socket traffic of each live page in
 * Chromium, under a busy load — issue #12's table, measured instead of
 * eyeballed. Prints figures; no pass/fail (targets: ≥ 55 frames/s, no long
 * task over 100 ms after first load, ≤ 30 KB/s of socket traffic per client).
 * Three cases (`--case`), each with its config and the pages that exist there:
 *
 *   demo         the demo at 400 changes/s (bench/browser-busy.config.yaml); the default
 *   many-tables  the same demo plus 500 synthetic tables sharing another 400 updates/s
 *                (bench/browser-many-tables.config.yaml): the overview gets 500 tables' traffic
 *   stack        the real local stack (e2e/stack.config.yaml: both replica connectors on Kafka,
 *                PostgreSQL on JetStream, replica pair `inventory`), with `scripts/stack load
 *                --rate N` (--load-rate, default 50 operations/s per database) started before the
 *                first page and stopped after the last by this bench. The stack must be up:
 *
 *   flock /tmp/cdcscope-stack.lock bash -c 'scripts/stack up && flock /tmp/cdcscope-e2e.lock \
 *     npx tsx bench/browser-frames.ts --case stack; scripts/stack down'
 *
 * Needs the built app (bash scripts/ensure-build.sh) and the browser lock:
 *
 *   flock /tmp/cdcscope-e2e.lock npx tsx bench/browser-frames.ts [--case demo|many-tables|stack]
 *     [--seconds 15] [--settle 5] [--config FILE] [--load-rate N] [--pages 'replica pair page,overview']
 *
 * `--pages` measures only the pages named (as printed), e.g. for a before/after of one page.
 *
 * Each page: load, let it settle (first load's work is not what a page left
 * open costs), then count requestAnimationFrame callbacks, PerformanceObserver
 * 'longtask' entries and WebSocket bytes received over the window.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const seconds = Number(arg('seconds', '15'));
const settle = Number(arg('settle', '5'));
const loadRate = Number(arg('load-rate', '50'));
/** Not one of the e2e ports (3101–3105): the bench may run beside a dashboard someone left up. */
const PORT = 3191;
const base = `http://127.0.0.1:${PORT}`;
const tablePath = (key: string) => `/tables/${encodeURIComponent(key)}`;

interface BenchCase {
  config: string;
  pages: { name: string; path: string }[];
  /** Measuring starts once /api/tables lists what the pages show (table keys; or at least `minTables`). */
  tables: string[];
  minTables?: number;
  /** Drive the real stack with `scripts/stack load` while measuring. */
  stackLoad?: boolean;
}

/** The pages every case has; the table and replica pair pages name what exists in that case. */
const livePages = (table: string, pair: string) => [
  { name: 'overview', path: '/' },
  { name: 'table page', path: tablePath(table) },
  { name: 'replica pair page', path: `/replicas/${pair}` },
  { name: 'replicas', path: '/replicas' },
  { name: 'inspector', path: '/inspector' },
  { name: 'lag', path: '/lag' },
  { name: 'transactions', path: '/transactions' },
];

const CASES: Record<string, BenchCase> = {
  demo: {
    config: 'bench/browser-busy.config.yaml',
    pages: livePages('demo_a.inventory.orders', 'demo'),
    tables: ['demo_a.inventory.orders'],
  },
  'many-tables': {
    config: 'bench/browser-many-tables.config.yaml',
    pages: [
      ...livePages('demo_a.inventory.orders', 'demo'),
      { name: 'synthetic table', path: tablePath('demo_load.load.t0250') },
    ],
    tables: ['demo_a.inventory.orders', 'demo_load.load.t0500'],
    minTables: 500,
  },
  stack: {
    config: 'e2e/stack.config.yaml',
    pages: [
      ...livePages('replica_a.inventory.orders', 'inventory'),
      { name: 'table page (pg)', path: tablePath('pg.inventory.orders') },
    ],
    tables: ['replica_a.inventory.orders', 'replica_b.inventory.orders', 'pg.inventory.orders'],
    stackLoad: true,
  },
};
const caseName = arg('case', 'demo');
const benchCase: BenchCase = (() => {
  const c = CASES[caseName];
  if (c === undefined) throw new Error(`--case must be one of ${Object.keys(CASES).join(', ')}`);
  return c;
})();
const config = arg('config', benchCase.config);

async function waitHealthy(deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/healthz`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the dashboard did not become healthy within 120 s');
}

interface Figures {
  frames: number;
  longTasks: number[];
}

async function measure(page: Page, path: string) {
  let wsBytes = 0;
  let counting = false;
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      if (counting) wsBytes += typeof f.payload === 'string' ? Buffer.byteLength(f.payload) : f.payload.length;
    }),
  );
  await page.goto(`${base}${path}`, { waitUntil: 'load' });
  await page.waitForTimeout(settle * 1000);
  counting = true;
  // A string, not a function: tsx compiles named functions with an `__name` helper the page does not have.
  await page.evaluate(`(() => {
    const w = window;
    w.__bench = { frames: 0, longTasks: [] };
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: false });
    const tick = () => {
      w.__bench.frames += 1;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })()`);
  await page.waitForTimeout(seconds * 1000);
  const f = await page.evaluate<Figures>('window.__bench');
  counting = false;
  const longest = Math.max(0, ...f.longTasks);
  return {
    fps: f.frames / seconds,
    longTasks: f.longTasks.length,
    over100: f.longTasks.filter((d) => d > 100).length,
    longTaskMs: f.longTasks.reduce((s, d) => s + d, 0),
    longest,
    kbPerSecond: wsBytes / 1024 / seconds,
  };
}

/** What /api/tables lists must include the pages' tables before a page is measured: no empty pages measured. */
async function waitForTables(deadline: number): Promise<number> {
  let seen: string[] = [];
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${base}/api/tables`);
      if (res.ok) seen = ((await res.json()) as { tableKey: string }[]).map((t) => t.tableKey);
    } catch {
      // a slow answer while catching up: ask again
    }
    if (benchCase.tables.every((t) => seen.includes(t)) && seen.length >= (benchCase.minTables ?? 0))
      return seen.length;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const missing = benchCase.tables.filter((t) => !seen.includes(t));
  throw new Error(
    `after 120 s /api/tables lists ${seen.length} tables${missing.length ? `, not ${missing.join(', ')}` : ''}`,
  );
}

/** The stack must already be up (its lock is the caller's): Kafka Connect answering is the cheap sign. */
async function requireStack(): Promise<void> {
  try {
    if ((await fetch('http://127.0.0.1:38083/connectors')).ok) return;
  } catch {
    // not listening
  }
  throw new Error(
    "--case stack needs the local stack up: flock /tmp/cdcscope-stack.lock bash -c 'scripts/stack up && … ; scripts/stack down'",
  );
}

/**
 * `scripts/stack load` for the whole run, no schema drift (other tests' tables keep their shape);
 * bounded by --max-seconds even if this bench dies without stopping it. Its last lines are its summary.
 */
function startLoad(): { child: ChildProcess; output: () => string } {
  const bound = benchCase.pages.length * (settle + seconds + 10) + 120;
  const child = spawn(
    'bash',
    [
      'scripts/stack',
      'load',
      '--rate',
      String(loadRate),
      '--seconds',
      '0',
      '--max-seconds',
      String(bound),
      '--alter-every',
      '0',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  let out = '';
  const keep = (b: Buffer) => {
    out = (out + b.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return { child, output: () => out };
}

async function stopLoad(load: { child: ChildProcess; output: () => string }): Promise<void> {
  if (load.child.exitCode === null && load.child.pid) {
    const exited = new Promise((r) => load.child.once('exit', r));
    process.kill(-load.child.pid, 'SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
  }
  const lines = load.output().trim().split('\n');
  console.log(`scripts/stack load --rate ${loadRate}: ${lines.slice(-3).join(' | ')}`);
}

async function main() {
  if (benchCase.stackLoad) await requireStack();
  const server = spawn('node_modules/.bin/tsx', ['server/main.ts'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      CDCSCOPE_CONFIG: config,
      CDCSCOPE_PORT: String(PORT),
      CDCSCOPE_HOST: '127.0.0.1',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
    detached: true,
  });
  const stop = () => {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  };
  let browser: Browser | undefined;
  let load: ReturnType<typeof startLoad> | undefined;
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    await waitHealthy(Date.now() + 120_000);
    if (benchCase.stackLoad) load = startLoad();
    const tables = await waitForTables(Date.now() + 120_000);
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(
          ' ',
        )}; case ${caseName}: ${config}, ${tables} tables${load ? `, scripts/stack load --rate ${loadRate}` : ''}; ${settle} s settle, ${seconds} s measured per page; 1440×900 window`,
    );
    // The pipeline's series fill with uptime: let it run as a dashboard left open would.
    await new Promise((r) => setTimeout(r, 10_000));
    const results: Record<string, ReturnType<typeof measure> extends Promise<infer R> ? R : never> = {};
    // Only the pages asked for: a before/after of one page need not wait for the other six.
    const only = arg('pages', '').split(',').filter(Boolean);
    for (const { name, path } of benchCase.pages.filter((p) => !only.length || only.includes(p.name))) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      const r = await measure(page, path);
      results[name] = r;
      console.log(
        `${name.padEnd(18)} ${r.fps.toFixed(1).padStart(5)} frames/s  ${String(r.longTasks).padStart(3)} long tasks (${Math.round(r.longTaskMs)} ms in all, ${r.over100} over 100 ms, longest ${Math.round(r.longest)} ms)  ${r.kbPerSecond.toFixed(1)} KB/s socket`,
      );
      await context.close();
    }
    console.log(
      JSON.stringify({
        case: caseName,
        ...Object.fromEntries(
          Object.entries(results).map(([k, r]) => [
            k,
            { fps: Number(r.fps.toFixed(1)), longest: Math.round(r.longest), kbs: Number(r.kbPerSecond.toFixed(1)) },
          ]),
        ),
      }),
    );
  } finally {
    if (load) await stopLoad(load);
    await browser?.close();
    stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
