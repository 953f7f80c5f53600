import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { SourceSummary } from '../../lib/contracts/source-status';
import type { DashboardState } from '../pipeline/dashboard-state';
import { registerStateMetrics } from './state-metrics';

const source = (id: string, backlog?: SourceSummary['backlog']): SourceSummary => ({
  id,
  kind: 'kafka',
  target: 'k:9092',
  channels: [],
  status: { type: 'live', since: 0 },
  reconnects: 0,
  messages: 0,
  bytes: 0,
  undecodable: 0,
  ...(backlog ? { backlog } : {}),
});

describe('/metrics: cdcscope own backlog per source', () => {
  it('exports messages and seconds of each source that measured its backlog', async () => {
    const state = {
      sources: () => [
        source('kafka', { messages: 1200, seconds: 12.5, behind: true, at: 1 }),
        source('nats', { messages: 0, seconds: 0, behind: false, at: 1 }),
        source('demo'),
      ],
      replicas: () => [],
      lag: () => ({ at: 0, kafka: [], jetstream: [], connectors: [], history: {}, errors: [] }),
      sourceClocks: () => [],
    } as unknown as DashboardState;
    const registry = new Registry();
    registerStateMetrics(registry, state);
    const text = await registry.metrics();
    expect(text).toContain('cdcscope_source_backlog_messages{source="kafka"} 1200');
    expect(text).toContain('cdcscope_source_backlog_seconds{source="kafka"} 12.5');
    expect(text).toContain('cdcscope_source_backlog_messages{source="nats"} 0');
    expect(text).not.toContain('source="demo"');
  });
});
