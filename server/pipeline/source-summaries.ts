import type { StatsRegistry } from '../../lib/analytics/stats-registry';
import type { RegistryStatus, SourceSummary } from '../../lib/contracts/source-status';
import type { Source } from '../brokers/source';

/** Joins each source's health with the registry's message accounting, for the API and the overview. */
export function sourceSummaries(
  sources: Source[],
  registry: StatsRegistry,
  schemaRegistry: (sourceId: string) => RegistryStatus | undefined = () => undefined,
): SourceSummary[] {
  const counts = new Map(registry.sources().map((c) => [c.sourceId, c]));
  return sources.map((s) => {
    const c = counts.get(s.id);
    const h = s.status();
    const schemas = schemaRegistry(s.id);
    const backlog = s.backlog?.();
    return {
      id: s.id,
      kind: s.kind,
      target: s.target,
      channels: s.channels,
      status: h.status,
      reconnects: h.reconnects,
      messages: c?.messages ?? 0,
      bytes: c?.bytes ?? 0,
      undecodable: c?.undecodable ?? 0,
      ...(c?.lastMessageAt !== undefined ? { lastMessageAt: c.lastMessageAt } : {}),
      ...(schemas !== undefined ? { registry: schemas } : {}),
      ...(backlog !== undefined ? { backlog } : {}),
    };
  });
}
