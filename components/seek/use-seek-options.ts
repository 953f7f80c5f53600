'use client';

import { useQuery } from '@tanstack/react-query';
import { sourceSummarySchema, type SourceSummary } from '@/lib/contracts/source-status';
import { tableSummarySchema, type TableSummary } from '@/lib/contracts/table-stats';
import { fetchJson } from '../realtime/fetch-json';

const sourcesSchema = sourceSummarySchema.array();
const tablesSchema = tableSummarySchema.array();

export interface SeekOptions {
  /** Sources that can be read back: Kafka, JetStream and the demo pipeline (its retained log). */
  sources: { id: string; kind: string }[];
  /** Topics and subjects seen per source, for the channel suggestions. */
  channels: Map<string, string[]>;
  tableKeys: string[];
  /** The source list has been read: an empty `sources` then means there is nothing to seek on. */
  loaded: boolean;
}

/** What the seek form offers: sources and the channels and tables the dashboard has seen. */
export function useSeekOptions(): SeekOptions {
  const sources = useQuery({
    queryKey: ['seek-sources'],
    queryFn: ({ signal }) => fetchJson('/api/sources', sourcesSchema, signal),
    refetchInterval: 30_000,
    select: (ss: SourceSummary[]) => ss.map((s) => ({ id: s.id, kind: s.kind })),
  });
  const tables = useQuery({
    queryKey: ['seek-tables'],
    queryFn: ({ signal }) => fetchJson('/api/tables', tablesSchema, signal),
    refetchInterval: 30_000,
  });
  const channels = new Map<string, string[]>();
  for (const t of tables.data ?? []) {
    for (const id of t.sourceIds) channels.set(id, [...new Set([...(channels.get(id) ?? []), ...t.channels])].sort());
  }
  return {
    sources: sources.data ?? [],
    channels,
    tableKeys: (tables.data ?? []).map((t: TableSummary) => t.tableKey).sort(),
    loaded: sources.isSuccess,
  };
}
