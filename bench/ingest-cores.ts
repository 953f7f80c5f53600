/**
 * Issue #11, target 3 ("every core"): cdcscope on two cores against cdcscope
 * on one, the same topic read from the start by `bench/kafka-ingest.ts --mode
 * cdcscope`, each run its own process: one core (`taskset -c 0`) with the
 * default configuration (`ingest.workers: 0`), then two cores (`taskset -c
 * 0,1`) with 0 workers (what the second core gives by itself: GC and the
 * client's threads) and with each `--workers` count. Runs are interleaved
 * round by round so all see the same machine; medians are printed, and the
 * ratio of the best two-core median to the one-core median (target ≥ 1.6).
 *
 *   npx tsx bench/kafka-ingest.ts --mode produce --events N --brokers HOST:PORT   # once
 *   npx tsx bench/ingest-cores.ts [--events N] [--brokers HOST:PORT] [--workers 1,2] [--rounds 3]
 *
 * Needs taskset and two cores. Read the figures only from a quiet machine:
 * on a loaded one the second core is someone else's.
 */
import { spawnSync } from 'node:child_process';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const events = arg('events', '1000000');
const brokers = arg('brokers', '127.0.0.1:39092');
const workerCounts = arg('workers', '1,2').split(',').map(Number);
const rounds = Number(arg('rounds', '3'));

interface Run {
  label: string;
  cpus: string;
  workers: number;
}
const runs: Run[] = [
  { label: '1 core, workers 0 (default)', cpus: '0', workers: 0 },
  { label: '2 cores, workers 0', cpus: '0,1', workers: 0 },
  ...workerCounts.map((w) => ({ label: `2 cores, workers ${w}`, cpus: '0,1', workers: w })),
];

interface Result {
  eventsPerSecond: number;
  peakRssMiB: number;
  mainCpuMicros?: number;
  processCpuMicros?: number;
}

function once(r: Run): Result {
  const res = spawnSync(
    'taskset',
    [
      '-c',
      r.cpus,
      'node_modules/.bin/tsx',
      'bench/kafka-ingest.ts',
      '--mode',
      'cdcscope',
      '--events',
      events,
      '--brokers',
      brokers,
      '--workers',
      String(r.workers),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 30 * 60_000 },
  );
  const line = res.stdout
    .trim()
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (res.status !== 0 || line === undefined) throw new Error(`${r.label}: failed (exit ${res.status})`);
  return JSON.parse(line) as Result;
}

const rates = new Map<string, number[]>();
const rss = new Map<string, number[]>();
const mainCpu = new Map<string, number[]>();
const processCpu = new Map<string, number[]>();
const push = (m: Map<string, number[]>, k: string, v: number | undefined) => {
  if (v === undefined) return;
  const xs = m.get(k);
  if (xs) xs.push(v);
  else m.set(k, [v]);
};
for (let round = 0; round < rounds; round++) {
  for (const r of runs) {
    const out = once(r);
    push(rates, r.label, out.eventsPerSecond);
    push(rss, r.label, out.peakRssMiB);
    push(mainCpu, r.label, out.mainCpuMicros);
    push(processCpu, r.label, out.processCpuMicros);
    console.log(
      `round ${round + 1}: ${r.label}: ${out.eventsPerSecond} ev/s, peak RSS ${out.peakRssMiB} MiB, ` +
        `CPU µs/event main ${out.mainCpuMicros ?? '?'} process ${out.processCpuMicros ?? '?'}`,
    );
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const one = median(rates.get(runs[0]?.label ?? '') ?? []);
let best = { label: '', rate: 0 };
console.log(`\n${events} events, ${rounds} rounds, medians:`);
for (const r of runs) {
  const m = median(rates.get(r.label) ?? []);
  if (r.cpus !== '0' && m > best.rate) best = { label: r.label, rate: m };
  console.log(
    `${r.label.padEnd(30)} ${String(m).padStart(8)} ev/s  ×${(m / one).toFixed(2)}  peak RSS ${median(rss.get(r.label) ?? [])} MiB` +
      `  CPU µs/event: main thread ${median(mainCpu.get(r.label) ?? [])}, process ${median(processCpu.get(r.label) ?? [])}`,
  );
}
console.log(
  JSON.stringify({
    events: Number(events),
    oneCore: one,
    bestTwoCores: best.rate,
    bestTwoCoresRun: best.label,
    ratio: Number((best.rate / one).toFixed(2)),
    target: 1.6,
  }),
);
