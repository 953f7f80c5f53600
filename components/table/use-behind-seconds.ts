'use client';

import { useQuery } from '@tanstack/react-query';
import { behindSecondsOf, behindSources } from '@/lib/analytics/lag-while-behind';
import { sourceSummarySchema, type SourceSummary } from '@/lib/contracts/source-status';
import { fetchJson } from '../realtime/fetch-json';

const sourcesSchema = sourceSummarySchema.array();

/**
 * Sources measure their own backlog every 2 s (server/brokers/source.ts); the
 * table page reads it as often. Polled over HTTP rather than joining the
 * overview room, whose pushes carry every table's summary.
 */
const POLL_MS = 2_000;

/** Which sources cdcscope is behind on: one small list for the whole table page. */
const selectBehind = (sources: SourceSummary[]) => behindSources(sources);

/**
 * cdcscope's own backlog, in seconds, on the worst of a table's sources it is
 * behind on (undefined when none): the table's end-to-end lag measured now
 * includes it. The same rule as the overview's rows.
 */
export function useBehindSeconds(sourceIds: readonly string[] | undefined): number | undefined {
  const behind = useQuery({
    queryKey: ['table-page-sources'],
    queryFn: ({ signal }) => fetchJson('/api/sources', sourcesSchema, signal),
    refetchInterval: POLL_MS,
    select: selectBehind,
  });
  return behind.data && sourceIds ? behindSecondsOf(sourceIds, behind.data) : undefined;
}
