/**
 * Frames per second, long tasks and socket traffic of each live page in
 * Chromium, on the demo under a busy load (bench/browser-busy.config.yaml,
 * 400 changes/s) — issue #12's table, measured instead of eyeballed. Prints
 * figures; no pass/fail (targets: ≥ 55 frames/s, no long task over 100 ms
 * after first load, ≤ 30 KB/s of socket traffic per client).
 *
 * Needs the built app (bash scripts/ensure-build.sh) and the browser lock:
 *
 *   flock /tmp/cdcscope-e2e.lock npx tsx bench/browser-frames.ts [--seconds 15] [--settle 5] [--config FILE]
 *
 * Each page: load, let it settle (first load's work is not what a page left
 * open costs), then count requestAnimationFrame callbacks, PerformanceObserver
 * 'longtask' entries and WebSocket bytes received over the window.
 */
import { spawn } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { chromium, type Browser, type Page } from '@playwright/test';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const seconds = Number(arg('seconds', '15'));
const settle = Number(arg('settle', '5'));
const config = arg('config', 'bench/browser-busy.config.yaml');
/** Not one of the e2e ports (3101–3105): the bench may run beside a dashboard someone left up. */
const PORT = 3191;
const base = `http://127.0.0.1:${PORT}`;

const PAGES: { name: string; path: string }[] = [
  { name: 'overview', path: '/' },
  { name: 'table page', path: `/tables/${encodeURIComponent('demo_a.inventory.orders')}` },
  { name: 'replica pair page', path: '/replicas/demo' },
  { name: 'replicas', path: '/replicas' },
  { name: 'inspector', path: '/inspector' },
  { name: 'lag', path: '/lag' },
  { name: 'transactions', path: '/transactions' },
];

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

async function main() {
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
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-dev-shm-usage'],
    });
    await waitHealthy(Date.now() + 120_000);
    console.log(
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}; ${config}; ${settle} s settle, ${seconds} s measured per page; 1440×900 window`,
    );
    // The pipeline's series fill with uptime: let it run as a dashboard left open would.
    await new Promise((r) => setTimeout(r, 10_000));
    const results: Record<string, ReturnType<typeof measure> extends Promise<infer R> ? R : never> = {};
    for (const { name, path } of PAGES) {
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
      JSON.stringify(
        Object.fromEntries(
          Object.entries(results).map(([k, r]) => [
            k,
            { fps: Number(r.fps.toFixed(1)), longest: Math.round(r.longest), kbs: Number(r.kbPerSecond.toFixed(1)) },
          ]),
        ),
      ),
    );
  } finally {
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
