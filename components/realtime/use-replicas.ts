'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  replicaPairSummarySchema,
  replicasResponseSchema,
  replicaTableDetailSchema,
  type ReplicaPairSummary,
  type ReplicasResponse,
  type ReplicaTableDetail,
} from '@/lib/contracts/replicas';
import { fetchJson, HttpError, tableSegment } from './fetch-json';
import { queryKeys } from './query-keys';
import { applyReplicaPair } from './replica-merge';
import { useRealtime } from './socket-provider';
import { useConnectionState, usePollInterval } from './use-connection-state';
import { useRoom } from './use-room';

const REPLICAS_ROOM = { kind: 'replicas' } as const;

/** Suggestions come by HTTP only: refreshed this often while the pushes keep the pairs live. */
export const SUGGESTIONS_REFRESH_MS = 30_000;
/** A filtered table of a pair has no room: polled this often. */
export const REPLICA_TABLE_POLL_MS = 2_000;

/** Path of a pair (or one of its tables) in the API and the app: ids and table names are URL-encoded. */
export function replicaPairPath(pair: string, table?: string): string {
  return table === undefined ? tableSegment(pair) : `${tableSegment(pair)}/${tableSegment(table)}`;
}

/**
 * Every replica pair (no series) and the pair suggestions.
 * `live`: join the `replicas` room (pushed once a second) — the Replicas page.
 * Otherwise poll every `pollMs` without a room — cheap, for the overview's badges.
 */
export function useReplicas({ live, pollMs = 5_000 }: { live: boolean; pollMs?: number }) {
  useRoom(live ? REPLICAS_ROOM : null);
  const queryClient = useQueryClient();
  const bridge = useRealtime();
  const connected = useConnectionState().status === 'connected';
  const refetchInterval = live ? (connected ? SUGGESTIONS_REFRESH_MS : pollMs) : pollMs;
  return useQuery({
    queryKey: queryKeys.replicas,
    queryFn: async ({ signal }): Promise<ReplicasResponse> => {
      const started = Date.now();
      const fetched = await fetchJson('/api/replicas', replicasResponseSchema, signal);
      // A push that landed while we fetched holds newer pairs; the suggestions are only here.
      const cached = queryClient.getQueryData<ReplicasResponse>(queryKeys.replicas);
      if (cached && bridge.lastPushAt(queryKeys.replicas) >= started)
        return { pairs: cached.pairs, suggestions: fetched.suggestions };
      return fetched;
    },
    refetchInterval,
  });
}

/** One pair with its 15-minute per-second series: HTTP first, then the `replica-pair` room. */
export function useReplicaPair(pair: string) {
  const room = useMemo(() => ({ kind: 'replica-pair', pair }) as const, [pair]);
  useRoom(room);
  const queryClient = useQueryClient();
  const bridge = useRealtime();
  const refetchInterval = usePollInterval();
  const query = useQuery({
    queryKey: queryKeys.replicaPair(pair),
    queryFn: async ({ signal }): Promise<ReplicaPairSummary> => {
      const started = Date.now();
      const fetched = await fetchJson(`/api/replicas/${replicaPairPath(pair)}`, replicaPairSummarySchema, signal);
      const cached = queryClient.getQueryData<ReplicaPairSummary>(queryKeys.replicaPair(pair));
      // A push that landed while we fetched is newer: kept, on top of the fetched series when its own is partial.
      return cached && bridge.lastPushAt(queryKeys.replicaPair(pair)) >= started
        ? applyReplicaPair(fetched, cached)
        : fetched;
    },
    refetchInterval,
  });
  const notFound = query.error instanceof HttpError && query.error.status === 404;
  return { ...query, notFound };
}

/** One table of a pair with its own lists (`GET /api/replicas/:pair/:table`), polled; disabled when `table` is null. */
export function useReplicaTable(pair: string, table: string | null) {
  const query = useQuery({
    queryKey: queryKeys.replicaTable(pair, table ?? ''),
    queryFn: ({ signal }): Promise<ReplicaTableDetail> =>
      fetchJson(`/api/replicas/${replicaPairPath(pair, table ?? '')}`, replicaTableDetailSchema, signal),
    enabled: table !== null,
    // A table that is not (yet) known stays a 404 until someone reloads: no point polling it.
    refetchInterval: (q) =>
      q.state.error instanceof HttpError && q.state.error.status === 404 ? false : REPLICA_TABLE_POLL_MS,
  });
  const notFound = query.error instanceof HttpError && query.error.status === 404;
  return { ...query, notFound };
}
