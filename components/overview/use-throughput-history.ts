'use client';

import { hashKey, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { OverviewSnapshot } from '@/lib/contracts/socket-events';
import type { OpRatePoint } from '../charts/throughput-chart';
import { queryKeys } from '../realtime/query-keys';
import { useNow } from '../use-now';
import { createThroughputHistory, downsample, type ThroughputHistory } from './throughput-history';

/** Points drawn at most: ~1 per 3 px on a wide screen, a third of the redraw cost of 900. */
const MAX_CHART_POINTS = 300;

/** One history per QueryClient, fed by every write of the overview query, so it survives page changes. */
const histories = new WeakMap<QueryClient, ThroughputHistory>();

function historyFor(queryClient: QueryClient): ThroughputHistory {
  let h = histories.get(queryClient);
  if (h) return h;
  const history = createThroughputHistory();
  const overviewHash = hashKey(queryKeys.overview);
  const cached = queryClient.getQueryData<OverviewSnapshot>(queryKeys.overview);
  if (cached) history.add(cached, Date.now());
  queryClient.getQueryCache().subscribe((e) => {
    if (e.type !== 'updated' || e.action.type !== 'success' || e.query.queryHash !== overviewHash) return;
    // Only checked snapshots are written under this key (useOverview, the realtime bridge).
    const data = queryClient.getQueryData<OverviewSnapshot>(queryKeys.overview);
    if (data) history.add(data, Date.now());
  });
  histories.set(queryClient, history);
  h = history;
  return h;
}

/**
 * Overview throughput by op, recomputed once a second on the shared clock
 * (only complete seconds are shown, so nothing new appears between ticks).
 */
export function useThroughputHistory(): OpRatePoint[] {
  const queryClient = useQueryClient();
  const history = historyFor(queryClient);
  const now = useNow();
  return useMemo(() => (now === 0 ? [] : downsample(history.points(now), MAX_CHART_POINTS)), [history, now]);
}
