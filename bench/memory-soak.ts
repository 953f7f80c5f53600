/**
 * Memory soak (issue #10, "Memory over time"): the real dashboard server
 * (production build, its own process) tails a Kafka topic while this process
 * produces ~1 KB Debezium events into it at a steady rate and a headless
 * Chromium stays on a table page. Every sample reads the server's RSS from
 * /proc and its heap after the last full GC from V8's own `--trace-gc` lines
 * (a Mark-Compact's "after" figure: live heap, without garbage), so the
 * server needs no measuring code of its own.
 *
 *   bash scripts/ensure-build.sh && scripts/stack start kafka
 *   npx tsx bench/memory-soak.ts [--events 10000000] [--rate 20000] [--sample-s 15] [--warmup 0.25]
 *
 * Every event has a new row key (the worst case for per-row state). The
 * producer stays at most `--ahead` events in front of what the server has
 * read, so the soak measures a live tail, not a backlog.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, CompressionTypes } from 'kafkajs';
import { chromium } from '@playwright/test';
import { benchEvent } from './bench-events';
import { summarizeSoak, type SoakSample } from './soak-summary';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const events = Number(arg('events', '10000000'));
const rate = Number(arg('rate', '20000'));
const sampleMs = Number(arg('sample-s', '15')) * 1000;
const warmup = Number(arg('warmup', '0.25'));
const ahead = Number(arg('ahead', '200000'));
const brokers = [arg('brokers', '127.0.0.1:39092')];
const port = Number(arg('port', '3951'));
const topic = 'cdcscope-soak';
const base = `http://127.0.0.1:${port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const kafka = new Kafka({ clientId: 'cdcscope-soak', brokers, logLevel: logLevel.NOTHING });

async function freshTopic() {
  const admin = kafka.admin();
  await admin.connect();
  if ((await admin.listTopics()).includes(topic)) await admin.deleteTopics({ topics: [topic] });
  // Bounded on disk: the soak writes ~10 GB; the broker keeps the last 512 MiB of each partition.
  await admin.createTopics({
    topics: [
      {
        topic,
        numPartitions: 4,
        configEntries: [
          { name: 'retention.bytes', value: String(512 * 2 ** 20) },
          { name: 'segment.bytes', value: String(64 * 2 ** 20) },
        ],
      },
    ],
    waitForLeaders: true,
  });
  await admin.disconnect();
}

function startServer() {
  const dir = mkdtempSync(join(tmpdir(), 'cdcscope-soak-'));
  const config = join(dir, 'config.json');
  const source = { id: 'soak', kind: 'kafka', brokers, clientId: 'cdcscope-soak-server', topics: [topic] };
  writeFileSync(
    config,
    JSON.stringify({ server: { host: '127.0.0.1', port }, sources: [{ ...source, start: 'earliest' }] }),
  );
  const child = spawn(process.execPath, ['--trace-gc', '--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', CDCSCOPE_CONFIG: config },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // Per isolate (`[pid:0x…]` opens each line): worker threads have small heaps of their own; the
  // main thread's is the largest, and it is the one that holds the pipeline's state.
  const heapAfterGc = new Map<string, number>();
  let fullGcs = 0;
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString('utf8')).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const gc =
        /^\[\d+:(0x[0-9a-f]+)\].*Mark-Compact(?: \([a-z ]+\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
      if (gc) {
        heapAfterGc.set(gc[1] ?? '', Number(gc[2]));
        fullGcs++;
      } else if (!line.includes(' ms: Scavenge')) process.stderr.write(`server: ${line}\n`);
    }
  });
  const rssMiB = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) / 1024;
  };
  const heapAfterGcMiB = () => (heapAfterGc.size === 0 ? Number.NaN : Math.max(...heapAfterGc.values()));
  return { child, rssMiB, gc: () => ({ heapAfterGcMiB: heapAfterGcMiB(), isolates: heapAfterGc.size, fullGcs }) };
}

/** Records the server has read from the soak topic, from its own /metrics. */
async function consumed(): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^cdcscope_records_total\{[^}]*source="soak"[^}]*\} (\d+(?:\.\d+)?(?:e\+\d+)?)$/gm))
    n += Number(m[1]);
  return n;
}

async function waitHealthy() {
  const end = Date.now() + 180_000;
  while (Date.now() < end) {
    const ok = await fetch(`${base}/api/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await sleep(500);
  }
  throw new Error('the server did not become healthy in 180 s');
}

async function main() {
  await freshTopic();
  const server = startServer();
  const exited = new Promise<never>((_, reject) =>
    server.child.on('exit', (code, signal) => reject(new Error(`server exited (${code ?? signal})`))),
  );
  try {
    await Promise.race([waitHealthy(), exited]);
    const producer = kafka.producer({ allowAutoTopicCreation: false });
    await producer.connect();
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
    const page = await browser.newPage();
    const samples: SoakSample[] = [];
    const started = Date.now();
    let produced = 0;
    let read = 0;
    let opened = false;
    let nextSample = started + sampleMs;
    let lastPoll = 0;
    const BATCH = 1_000;
    while (read < events) {
      if (produced < events && produced - read < ahead) {
        const messages = Array.from({ length: Math.min(BATCH, events - produced) }, (_, j) => benchEvent(produced + j));
        await Promise.race([producer.send({ topic, messages, acks: 1, compression: CompressionTypes.None }), exited]);
        produced += messages.length;
        // Paced: the n-th event is not sent before n / rate seconds.
        const due = started + (produced / rate) * 1000;
        if (due > Date.now()) await sleep(due - Date.now());
      } else await sleep(200);
      if (Date.now() - lastPoll >= 1_000) {
        lastPoll = Date.now();
        read = await consumed();
        if (!opened && read > 0) {
          // A browser on a table page: its socket room and pushes are part of what the server holds.
          await page.goto(`${base}/tables/${encodeURIComponent('bench.shop.t0')}`);
          opened = true;
        }
        if (Date.now() >= nextSample) {
          nextSample += sampleMs;
          const gc = server.gc();
          const s: SoakSample = {
            seconds: (Date.now() - started) / 1000,
            events: read,
            rssMiB: server.rssMiB(),
            heapAfterGcMiB: gc.heapAfterGcMiB,
          };
          samples.push(s);
          console.log(
            `${s.seconds.toFixed(0).padStart(5)} s  ${String(read).padStart(9)} events  RSS ${s.rssMiB.toFixed(0)} MiB  heap after GC ${s.heapAfterGcMiB.toFixed(1)} MiB  (${gc.fullGcs} full GCs, ${gc.isolates} isolates)`,
          );
        }
      }
    }
    const shown = await page.locator('main').innerText();
    console.log(`browser: the table page ${shown.includes('t0') ? 'shows' : 'does NOT show'} bench.shop.t0`);
    await browser.close();
    await producer.disconnect();
    const summary = summarizeSoak(samples, warmup);
    console.log(
      `after warm-up (first ${Math.round(warmup * 100)}% of events): RSS ${summary.rss.min.toFixed(0)}–${summary.rss.max.toFixed(0)} MiB (±${summary.rss.spreadPct.toFixed(1)}% of the median), heap after GC ${summary.heap.min.toFixed(1)}–${summary.heap.max.toFixed(1)} MiB (±${summary.heap.spreadPct.toFixed(1)}%)`,
    );
    console.log(JSON.stringify({ events: read, seconds: (Date.now() - started) / 1000, ...summary }));
  } finally {
    server.child.kill('SIGTERM');
    const admin = kafka.admin();
    await admin.connect().then(() => admin.deleteTopics({ topics: [topic] }).catch(() => undefined));
    await admin.disconnect();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(`memory-soak: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);
