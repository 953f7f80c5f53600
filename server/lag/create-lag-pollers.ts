import type { SourceConfig } from '../../lib/config/schema';
import { createJetStreamLagPoller } from './jetstream-lag-poller';
import { createKafkaLagPoller } from './kafka-lag-poller';
import type { LagPoller } from './lag-monitor';

/** One poller per source that asks for consumer lag (`lag:` in its configuration). */
export function createLagPollers(sources: readonly SourceConfig[]): LagPoller[] {
  const pollers: LagPoller[] = [];
  for (const s of sources) {
    if (s.kind === 'kafka' && s.lag) pollers.push(createKafkaLagPoller({ ...s, lag: s.lag }));
    if (s.kind === 'jetstream' && s.lag) pollers.push(createJetStreamLagPoller({ ...s, lag: s.lag }));
  }
  return pollers;
}
