/**
 * Seek-on-the-broker benchmark, on the 1M-event topic that
 * `bench/kafka-ingest.ts --mode produce` writes (4 partitions, ~1 KB events).
 * A server process (this file with `--mode server`: the API with the seek
 * routes, nothing else) answers HTTP; this process is the client and reads
 * the server's RSS from /proc while it works. Two measurements:
 *
 *   1. time to first match of a seek by time aimed at the last 10% of the topic;
 *   2. a full scan with a filter that matches nothing (scan limit = the topic
 *      size): scanned/s and the server's RSS (start, peak, end) to show it
 *      stays flat whatever the topic size.
 *
 *   taskset -c 0 npx tsx bench/seek.ts [--events 1000000] [--brokers 127.0.0.1:39092]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Registry } from 'prom-client';
import { Kafka, logLevel } from 'kafkajs';
import { configSchema, type KafkaSourceConfig } from '../lib/config/schema';
import { parseSeekLine, type SeekLine } from '../lib/contracts/seek';
import { createLineSplitter } from '../lib/seek/ndjson-lines';
import { createApiHandler } from '../server/http/api';
import type { DashboardState } from '../server/pipeline/dashboard-state';
import { readKafkaMessage } from '../server/brokers/kafka/read-at';
import { createSeekRoutes } from '../server/seek/seek-routes';
import { errorMessage } from '../lib/error-message';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const events = Number(arg('events', '1000000'));
const brokers = [arg('brokers', '127.0.0.1:39092')];
const topic = `cdcscope-bench-${events}`;
const config = configSchema.parse({
  sources: [{ id: 'bench', kind: 'kafka', brokers, topics: [topic] }],
  seek: { maxScan: Math.max(events, 1), maxSeconds: 1_800 },
});

/** `--mode server`: the HTTP API with only the seek routes; prints its port. */
function serve() {
  const state = { sources: () => [] } as unknown as DashboardState;
  const api = createApiHandler(
    state,
    new Registry(),
    { startedAt: Date.now(), version: 'bench' },
    { extraRoutes: createSeekRoutes({ config }) },
  );
  const server = createServer((req, res) => void api(req, res));
  server.listen(0, '127.0.0.1', () => console.log(`port ${(server.address() as AddressInfo).port}`));
  // The client asks for the heap after a full GC: what a seek RETAINS, apart from garbage V8 has not collected yet.
  process.on('message', (m) => {
    if (m !== 'gc') return;
    (globalThis as { gc?: () => void }).gc?.();
    process.send?.(process.memoryUsage().heapUsed);
  });
}

/** Heap used by the server after a full GC, MiB. */
function heapAfterGc(server: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    server.once('message', (bytes) => resolve(Number(bytes) / 2 ** 20));
    server.send('gc');
  });
}

const rssMiB = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

/** Streams a seek; `onLine` sees each line with the time since the request. */
async function seek(
  base: string,
  query: Record<string, string>,
  onLine: (l: SeekLine, ms: number) => void,
): Promise<void> {
  const started = performance.now();
  const res = await fetch(`${base}/api/seek?${new URLSearchParams(query)}`);
  if (!res.ok || !res.body) throw new Error(`seek answered ${res.status}: ${await res.text()}`);
  const decoder = new TextDecoder();
  const split = createLineSplitter();
  for await (const chunk of res.body) {
    for (const text of split(decoder.decode(chunk, { stream: true }))) {
      const line = parseSeekLine(text);
      if (!line) throw new Error(`unexpected line ${text.slice(0, 200)}`);
      onLine(line, performance.now() - started);
    }
  }
}

/** Broker timestamps of the first and last message of partition 0: the topic was produced at a steady pace. */
async function timeRange(): Promise<{ first: number; last: number }> {
  const admin = new Kafka({ clientId: 'cdcscope-bench', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  const offsets = await admin.fetchTopicOffsets(topic);
  await admin.disconnect();
  const size = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  if (size < events)
    throw new Error(
      `${topic} holds ${size} events, fewer than ${events}: run bench/kafka-ingest.ts --mode produce first`,
    );
  const p0 = offsets.find((p) => p.partition === 0);
  if (!p0) throw new Error('no partition 0');
  const source = config.sources[0] as KafkaSourceConfig;
  const first = await readKafkaMessage(source, topic, 0, p0.low);
  const last = await readKafkaMessage(source, topic, 0, String(BigInt(p0.high) - 1n));
  if (!first || !last) throw new Error('cannot read the ends of partition 0');
  return { first: first.origin.timestamp, last: last.origin.timestamp };
}

/** Extra node flags for the server process, e.g. `--server-flags=--max-old-space-size=64` to show the scan fits a small heap. */
const serverFlags = process.argv
  .filter((a) => a.startsWith('--server-flags='))
  .map((a) => a.slice('--server-flags='.length));

async function main() {
  if (arg('mode', 'client') === 'server') {
    serve();
    return;
  }
  const { first, last } = await timeRange();
  const server = spawn(
    process.execPath,
    [
      ...serverFlags,
      '--expose-gc',
      '--import',
      'tsx',
      __filename,
      '--mode',
      'server',
      '--events',
      String(events),
      '--brokers',
      brokers[0] as string,
    ],
    { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] },
  );
  const pid = server.pid as number;
  try {
    const port = await new Promise<string>((resolve, reject) => {
      server.stdout?.on(
        'data',
        (d: Buffer) => /port (\d+)/.test(String(d)) && resolve(/port (\d+)/.exec(String(d))?.[1] as string),
      );
      server.on('exit', (code) => reject(new Error(`server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;

    // 1. Time to first match, aimed at 90% of the topic's time span.
    const at = Math.round(first + 0.9 * (last - first));
    const firstMatch: Record<string, number> = {};
    for (const [name, filter] of [
      ['any', {}],
      ['deletes', { op: 'd' }],
    ] as const) {
      let t = -1;
      let scanned = 0;
      await seek(base, { sourceId: 'bench', channel: topic, start: `time:${at}`, limit: '1', ...filter }, (l, ms) => {
        if (l.type === 'event' && t < 0) t = ms;
        if (l.type === 'done') scanned = l.scanned;
        if (l.type === 'error') throw new Error(l.error);
      });
      firstMatch[`firstMatch_${name}_ms`] = Math.round(t);
      console.log(
        `seek by time (${name}) at ${new Date(at).toISOString()}: first match after ${Math.round(t)} ms, ${scanned} scanned`,
      );
    }

    // 2. A full scan that matches nothing, RSS sampled every 100 ms.
    const startHeap = await heapAfterGc(server);
    const startRss = rssMiB(pid);
    let peakRss = startRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMiB(pid))), 100);
    let done: Extract<SeekLine, { type: 'done' }> | undefined;
    let lastProgress = 0;
    await seek(
      base,
      {
        sourceId: 'bench',
        channel: topic,
        start: 'beginning',
        field: 'after.email=nobody@example.com',
        scan: String(events),
      },
      (l, ms) => {
        if (l.type === 'done') done = l;
        if (l.type === 'error') throw new Error(l.error);
        if (l.type === 'progress' && ms - lastProgress > 5_000) {
          lastProgress = ms;
          console.log(`  ${l.scanned} scanned, ${Math.round(rssMiB(pid))} MiB RSS`);
        }
      },
    );
    clearInterval(sampler);
    const endRss = rssMiB(pid);
    const endHeap = await heapAfterGc(server);
    if (!done) throw new Error('no done line');
    const perSecond = Math.round(done.scanned / (done.elapsedMs / 1000));
    console.log(
      `full scan, no match: ${done.scanned} scanned in ${(done.elapsedMs / 1000).toFixed(1)} s (${perSecond}/s), reason ${done.reason}; server RSS ${startRss.toFixed(0)} → ${endRss.toFixed(0)} MiB, peak ${peakRss.toFixed(0)} MiB; heap after GC ${startHeap.toFixed(1)} → ${endHeap.toFixed(1)} MiB`,
    );
    console.log(
      JSON.stringify({
        events,
        ...firstMatch,
        scanned: done.scanned,
        scanSeconds: Number((done.elapsedMs / 1000).toFixed(1)),
        scannedPerSecond: perSecond,
        reason: done.reason,
        rssStartMiB: Math.round(startRss),
        rssPeakMiB: Math.round(peakRss),
        rssEndMiB: Math.round(endRss),
        rssGrowthMiB: Math.round(endRss - startRss),
        heapAfterGcStartMiB: Number(startHeap.toFixed(1)),
        heapAfterGcEndMiB: Number(endHeap.toFixed(1)),
        serverFlags: serverFlags.join(' '),
      }),
    );
  } finally {
    server.kill('SIGTERM');
  }
}

main().catch((err: unknown) => {
  console.error(`seek bench: ${errorMessage(err)}`);
  process.exit(1);
});
