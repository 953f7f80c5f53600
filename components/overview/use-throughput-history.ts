'use client';

import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useMemo, useSyncExternalStore } from 'react';
import type { OverviewSnapshot } from '@/lib/contracts/events';
import type { OpRatePoint } from '../charts/throughput-chart';
import { isOverviewSnapshot } from '../realtime/guards';
import { queryKeys } from '../realtime/query-keys';
import { useNow } from '../use-now';
import { createThroughputHistory, type ThroughputHistory } from './throughput-history';

/** One history per QueryClient, fed by every write of the overview query, so it survives page changes. */
const histories = new WeakMap<QueryClient, ThroughputHistory>();

function historyFor(queryClient: QueryClient): ThroughputHistory {
  let h = histories.get(queryClient);
  if (h) return h;
  const history = createThroughputHistory();
  const key = queryKeys.overview[0];
  const cached = queryClient.getQueryData<OverviewSnapshot>(queryKeys.overview);
  if (cached) history.add(cached, Date.now());
  queryClient.getQueryCache().subscribe((e) => {
    if (e.type !== 'updated' || e.action.type !== 'success' || e.query.queryKey[0] !== key) return;
    const data: unknown = e.query.state.data;
    if (isOverviewSnapshot(data)) history.add(data, Date.now());
  });
  histories.set(queryClient, history);
  h = history;
  return h;
}

/** Overview throughput by op, one point per complete second, redrawn at most once a second. */
export function useThroughputHistory(): OpRatePoint[] {
  const queryClient = useQueryClient();
  const history = historyFor(queryClient);
  const version = useSyncExternalStore(history.subscribe, history.version, () => 0);
  const now = useNow();
  return useMemo(() => (now === 0 ? [] : history.points(now)), [history, now, version]);
}
