// The cdcscope side of the ingest benches: the real pipeline (consume loop, decode, statistics,
// inspector buffer, metrics) over one source, timed from its first message to its `count`th.
import type { Config } from '../lib/config/schema';
import type { Source } from '../server/brokers/source';
import { createPipeline } from '../server/pipeline/pipeline';
import { createMetrics } from '../server/metrics/metrics';
import { cpuTimes } from './thread-cpu';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds the pipeline took to count `count` messages of `source`, from its first one. */
export async function timePipeline(config: Config, source: Source, count: number): Promise<number> {
  return (await timePipelineCpu(config, source, count)).seconds;
}

/**
 * The same, with the CPU time the process and its main thread spent meanwhile (thread-cpu.ts), per event in
 * µs: with `ingest.workers` the main thread's figure bounds the rate on enough cores.
 */
export async function timePipelineCpu(
  config: Config,
  source: Source,
  count: number,
): Promise<{ seconds: number; mainCpuMicros?: number; processCpuMicros?: number }> {
  const pipeline = createPipeline({ config, sources: [source], metrics: createMetrics() });
  const seen = () => pipeline.state.sources()[0]?.messages ?? 0;
  while (seen() === 0) await sleep(5);
  const started = performance.now();
  const cpu0 = cpuTimes();
  while (seen() < count) await sleep(20);
  const secs = (performance.now() - started) / 1000;
  const cpu1 = cpuTimes();
  const tables = pipeline.state.tables().tables.length;
  await pipeline.close();
  if (tables === 0) throw new Error('the pipeline saw no tables');
  if (cpu0 === undefined || cpu1 === undefined) return { seconds: secs };
  const perEvent = (ms: number) => Number(((ms * 1000) / count).toFixed(2));
  return {
    seconds: secs,
    mainCpuMicros: perEvent(cpu1.mainMs - cpu0.mainMs),
    processCpuMicros: perEvent(cpu1.processMs - cpu0.processMs),
  };
}
