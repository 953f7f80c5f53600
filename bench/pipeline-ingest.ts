/**
 * The pipeline's cost per event without a broker (issue #11): the Kafka
 * benchmark's ~1 KB events handed to `pipeline.ingest` in batches of 500,
 * beside a loop that only decodes each value's UTF-8 and JSON.parses it, in
 * the same process and interleaved round by round so both see the same
 * machine. With the pipeline's defaults (inspector buffer, metrics). The
 * ratio is the part of issue #11's target that is the pipeline's own: a
 * broker client's cost adds to both sides.
 *
 * Each side is timed twice: wall clock, and the process's CPU time
 * (`process.cpuUsage`, GC threads included). On a machine shared with other
 * work the wall clock counts the time the process waited for a core; the
 * CPU time does not, and is the steadier figure there.
 *
 *   npx tsx bench/pipeline-ingest.ts [--rounds 8] [--events 100000]
 *
 * `BENCH_LIMITS='{"inspectorEventsPerTable":1}'` overrides `limits:`.
 */
import type { RawMessage } from '../lib/contracts/raw-message';
import { configSchema } from '../lib/config/schema';
import { createPipeline } from '../server/pipeline/pipeline';
import { createMetrics } from '../server/metrics/metrics';
import { createBenchMessages } from './bench-events';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const rounds = arg('rounds', 8);
const perRound = arg('events', 100_000);
const BATCH = 500;

const message = createBenchMessages();

const config = configSchema.parse({
  sources: [{ id: 'bench', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['bench.shop.t'], clientId: 'bench' }],
  ...(process.env.BENCH_LIMITS ? { limits: JSON.parse(process.env.BENCH_LIMITS) as unknown } : {}),
});
const pipeline = createPipeline({ config, sources: [], metrics: createMetrics() });
const utf8 = new TextDecoder();

const modes = {
  'JSON.parse loop': (batch: RawMessage[]) => {
    let parsed = 0;
    for (const m of batch) if (m.value !== null && JSON.parse(utf8.decode(m.value)) !== undefined) parsed++;
    if (parsed !== batch.length) throw new Error('parse loop dropped messages');
  },
  'cdcscope pipeline': (batch: RawMessage[]) => {
    pipeline.ingest(batch);
  },
};

const micros: Record<string, number[]> = {};
const cpuMicros: Record<string, number[]> = {};
for (let r = 0; r < rounds; r++) {
  for (const [name, run] of Object.entries(modes)) {
    let busy = 0;
    let cpu = 0;
    for (let i = 0; i < perRound; i += BATCH) {
      const batch = Array.from({ length: BATCH }, (_, j) => message(i + j));
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      run(batch);
      const c = process.cpuUsage(c0);
      busy += performance.now() - t0;
      cpu += (c.user + c.system) / 1000;
    }
    (micros[name] ??= []).push((busy * 1000) / perRound);
    (cpuMicros[name] ??= []).push((cpu * 1000) / perRound);
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? NaN;
const parse = median(micros['JSON.parse loop'] ?? []);
const ours = median(micros['cdcscope pipeline'] ?? []);
const parseCpu = median(cpuMicros['JSON.parse loop'] ?? []);
const oursCpu = median(cpuMicros['cdcscope pipeline'] ?? []);
for (const [name, xs] of Object.entries(micros))
  console.log(
    `${name}: median ${median(xs).toFixed(2)} µs/event (best ${Math.min(...xs).toFixed(2)}), ` +
      `CPU ${median(cpuMicros[name] ?? []).toFixed(2)} µs/event, over ${rounds} rounds`,
  );
console.log(
  JSON.stringify({
    parseMicros: Number(parse.toFixed(2)),
    pipelineMicros: Number(ours.toFixed(2)),
    parseOverPipeline: Number((parse / ours).toFixed(2)),
    parseCpuMicros: Number(parseCpu.toFixed(2)),
    pipelineCpuMicros: Number(oursCpu.toFixed(2)),
    parseOverPipelineCpu: Number((parseCpu / oursCpu).toFixed(2)),
  }),
);
void pipeline.close().then(() => process.exit(0));
