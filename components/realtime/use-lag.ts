'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { consumerLagSnapshotSchema, type ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import { fetchJson } from './fetch-json';
import { queryKeys } from './query-keys';
import { useRealtime } from './socket-provider';
import { usePollInterval } from './use-connection-state';
import { useRoom } from './use-room';

const LAG_ROOM = { kind: 'lag' } as const;

/**
 * Downstream consumer lag and connector liveness.
 * `live`: join the `lag` room (pushed once a second) — the Lag page.
 * Otherwise poll every `pollMs` without a room — for the overview's badges.
 */
export function useLag({ live, pollMs = 5_000 }: { live: boolean; pollMs?: number }) {
  useRoom(live ? LAG_ROOM : null);
  const queryClient = useQueryClient();
  const bridge = useRealtime();
  const offlinePoll = usePollInterval();
  return useQuery({
    queryKey: queryKeys.lag,
    queryFn: async ({ signal }): Promise<ConsumerLagSnapshot> => {
      const started = Date.now();
      const fetched = await fetchJson('/api/lag/consumers', consumerLagSnapshotSchema, signal);
      const cached = queryClient.getQueryData<ConsumerLagSnapshot>(queryKeys.lag);
      return cached && bridge.lastPushAt(queryKeys.lag) >= started ? cached : fetched;
    },
    refetchInterval: live ? offlinePoll : pollMs,
  });
}
