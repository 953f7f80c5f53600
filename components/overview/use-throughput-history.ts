'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { overallThroughputSchema, type ThroughputPoint } from '@/lib/contracts/table-stats';
import type { OpRatePoint } from '../charts/throughput-chart';
import { fetchJson } from '../realtime/fetch-json';
import { queryKeys } from '../realtime/query-keys';
import { usePollInterval } from '../realtime/use-connection-state';
import { useNow } from '../use-now';
import { chartPoints, downsample, lastMinute, mergeThroughput } from './throughput-history';

/** Points drawn at most: ~1 per 3 px on a wide screen, a third of the redraw cost of 900. */
const MAX_CHART_POINTS = 300;

/**
 * All tables' throughput by op: the server's 15 minutes (`/api/throughput`)
 * on load and after every reconnect (the bridge refetches active queries),
 * then the seconds each overview push carries, merged by second. Recomputed
 * once a second on the shared clock; seconds never received are gaps.
 */
export function useThroughputHistory(): {
  points: OpRatePoint[];
  /** The last 60 s, events/s per second. */
  spark: number[];
  isPending: boolean;
  error: Error | null;
} {
  const queryClient = useQueryClient();
  const refetchInterval = usePollInterval();
  const query = useQuery({
    queryKey: queryKeys.throughput,
    queryFn: async ({ signal }): Promise<ThroughputPoint[]> => {
      const fetched = await fetchJson('/api/throughput', overallThroughputSchema, signal);
      // Pushes may have landed meanwhile: union, never replace.
      return mergeThroughput(queryClient.getQueryData<ThroughputPoint[]>(queryKeys.throughput), fetched.points);
    },
    refetchInterval,
  });
  const now = useNow();
  const { data } = query;
  const { points, spark } = useMemo(() => {
    const all = now === 0 || !data ? [] : chartPoints(data, now);
    return { points: downsample(all, MAX_CHART_POINTS), spark: lastMinute(all) };
  }, [data, now]);
  return { points, spark, isPending: query.isPending, error: query.error };
}
