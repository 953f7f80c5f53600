'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { sourceSummarySchema } from '@/lib/contracts/source-status';
import { tableSummarySchema } from '@/lib/contracts/table-stats';
import { fetchJson } from './fetch-json';
import { overviewView, type OverviewView } from './overview-merge';
import { queryKeys } from './query-keys';
import { useRealtime } from './socket-provider';
import { usePollInterval } from './use-connection-state';
import { useRoom } from './use-room';

const OVERVIEW_ROOM = { kind: 'overview' } as const;
const sourcesSchema = sourceSummarySchema.array();
const tablesSchema = tableSummarySchema.array();

/** Sources and table summaries: HTTP for the first paint, then the `overview` room's pushes. */
export function useOverview() {
  useRoom(OVERVIEW_ROOM);
  const queryClient = useQueryClient();
  const bridge = useRealtime();
  const refetchInterval = usePollInterval();
  return useQuery({
    queryKey: queryKeys.overview,
    queryFn: async ({ signal }): Promise<OverviewView> => {
      const started = Date.now();
      const [sources, tables] = await Promise.all([
        fetchJson('/api/sources', sourcesSchema, signal),
        fetchJson('/api/tables', tablesSchema, signal),
      ]);
      // A push that landed while we fetched is newer than this response.
      const cached = queryClient.getQueryData<OverviewView>(queryKeys.overview);
      if (cached && bridge.lastPushAt(queryKeys.overview) >= started) return cached;
      return overviewView({ at: Date.now(), sources, tables });
    },
    refetchInterval,
  });
}
