// The cdcscope side of the ingest benches: the real pipeline (consume loop, decode, statistics,
// inspector buffer, metrics) over one source, timed from its first message to its `count`th.
import type { Config } from '../lib/config/schema';
import type { Source } from '../server/brokers/source';
import { createPipeline } from '../server/pipeline/pipeline';
import { createMetrics } from '../server/metrics/metrics';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Seconds the pipeline took to count `count` messages of `source`, from its first one. */
export async function timePipeline(config: Config, source: Source, count: number): Promise<number> {
  const pipeline = createPipeline({ config, sources: [source], metrics: createMetrics() });
  const seen = () => pipeline.state.sources()[0]?.messages ?? 0;
  while (seen() === 0) await sleep(5);
  const started = performance.now();
  while (seen() < count) await sleep(20);
  const secs = (performance.now() - started) / 1000;
  const tables = pipeline.state.tables().tables.length;
  await pipeline.close();
  if (tables === 0) throw new Error('the pipeline saw no tables');
  return secs;
}
