/**
 * Issue #11, target 3, without a broker: the Kafka benchmark's ~1 KB events
 * through the pipeline on the main thread (`ingest.workers: 0`, batches of
 * 500 handed to `ingest`) and through decode workers (`ingest.workers: N`,
 * the same batches from a source, as a broker client hands them), round by
 * round in one process. Per event: wall-clock µs, and CPU µs of the main
 * thread and of the whole process (bench/thread-cpu.ts). With workers the
 * main thread's CPU per event bounds the rate on enough cores, so
 * `mainOverMain0` (main thread's CPU with workers over the whole CPU without)
 * says how far decode workers alone can take target 3 (≥ 1.6 needs ≤ 0.62,
 * and the workers' share must fit on the other cores).
 *
 *   npx tsx bench/pipeline-workers.ts [--workers 1] [--rounds 5] [--events 50000]
 */
import type { RawMessage } from '../lib/contracts/raw-message';
import { configSchema } from '../lib/config/schema';
import type { Source, SourceHealth } from '../server/brokers/source';
import { createPipeline } from '../server/pipeline/pipeline';
import { createMetrics } from '../server/metrics/metrics';
import { createBenchMessages } from './bench-events';
import { cpuTimes } from './thread-cpu';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const workers = arg('workers', 1);
const rounds = arg('rounds', 5);
const perRound = arg('events', 50_000);
const BATCH = 500;
const message = createBenchMessages();
const base = {
  sources: [{ id: 'bench', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['bench.shop.t'], clientId: 'bench' }],
};

/** Batches are asked for by the pipeline's consume loop; `more` releases the next round's. */
function feedSource(): { source: Source; more: (batches: RawMessage[][]) => void } {
  let queue: RawMessage[][] = [];
  let wake: (() => void) | undefined;
  const health = { status: { type: 'live' } } as SourceHealth;
  const source: Source = {
    id: 'bench',
    kind: 'kafka',
    target: 'bench',
    channels: [],
    async *batches() {
      for (;;) {
        while (queue.length === 0) await new Promise<void>((r) => (wake = r));
        const next = queue.shift();
        if (next) yield next;
      }
    },
    status: () => health,
    onStatus: () => () => undefined,
    close: () => Promise.resolve(),
  };
  return {
    source,
    more(batches) {
      queue = queue.concat(batches);
      wake?.();
    },
  };
}

let accounted = 0;
const feed = feedSource();
const single = createPipeline({ config: configSchema.parse(base), sources: [], metrics: createMetrics() });
const pooled = createPipeline({
  config: configSchema.parse({ ...base, ingest: { workers } }),
  sources: [feed.source],
  metrics: createMetrics(),
  onCounted: (b) => {
    accounted += b.length;
  },
});

const batchesOfRound = () =>
  Array.from({ length: perRound / BATCH }, (_, k) => Array.from({ length: BATCH }, (_, j) => message(k * BATCH + j)));

type Figures = { wall: number; main: number; process: number };
const results: Record<string, Figures[]> = { 'workers 0': [], [`workers ${workers}`]: [] };

async function measure(name: string, run: (batches: RawMessage[][]) => Promise<void>) {
  const batches = batchesOfRound();
  const c0 = cpuTimes();
  const t0 = performance.now();
  await run(batches);
  const wall = performance.now() - t0;
  const c1 = cpuTimes();
  const per = (ms: number) => (ms * 1000) / perRound;
  results[name]?.push({
    wall: per(wall),
    main: per((c1?.mainMs ?? 0) - (c0?.mainMs ?? 0)),
    process: per((c1?.processMs ?? 0) - (c0?.processMs ?? 0)),
  });
}

async function main() {
  // Workers start (and load their modules) before the first round is timed.
  await new Promise((r) => setTimeout(r, 3_000));
  for (let r = 0; r < rounds; r++) {
    await measure('workers 0', (batches) => {
      for (const b of batches) single.ingest(b);
      return Promise.resolve();
    });
    await measure(`workers ${workers}`, async (batches) => {
      const target = accounted + perRound;
      feed.more(batches);
      while (accounted < target) await new Promise((res) => setImmediate(res));
    });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
  const med = (name: string, k: keyof Figures) => Number(median((results[name] ?? []).map((f) => f[k])).toFixed(2));
  for (const name of Object.keys(results))
    console.log(
      `${name}: µs/event wall ${med(name, 'wall')}, CPU main thread ${med(name, 'main')}, process ${med(name, 'process')} (medians of ${rounds})`,
    );
  const w = `workers ${workers}`;
  console.log(
    JSON.stringify({
      workers,
      mainCpu0: med('workers 0', 'main'),
      processCpu0: med('workers 0', 'process'),
      mainCpuN: med(w, 'main'),
      processCpuN: med(w, 'process'),
      mainOverMain0: Number((med(w, 'main') / med('workers 0', 'process')).toFixed(2)),
      pooledBatches: pooled.workerBatches,
    }),
  );
  await Promise.all([single.close(), pooled.close()]);
  process.exit(0);
}

void main();
