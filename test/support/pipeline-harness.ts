import { configSchema, type Config } from '../../lib/config/schema';
import { createPipeline, type Pipeline } from '../../server/pipeline/pipeline';
import { createLagPollers, createSource } from '../../server/brokers/registry';
import { waitFor } from './stack-env';

/** The real server pipeline (sources, decoder, statistics, replica pairs, lag pollers) without HTTP. */
export async function startPipeline(
  input: unknown,
): Promise<{ config: Config; pipeline: Pipeline; stop: () => Promise<void> }> {
  const config = configSchema.parse(input);
  const sources = config.sources.map((s) => createSource(s));
  const pipeline = createPipeline({ config, sources });
  for (const p of createLagPollers(config.sources)) pipeline.lag.add(p);
  await waitFor(
    'every source live',
    () => pipeline.state.sources().every((s) => s.status.type === 'live'),
    90_000,
    250,
  );
  return { config, pipeline, stop: () => pipeline.close() };
}
