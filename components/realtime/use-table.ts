'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { eventListItemSchema, type EventListItem } from '@/lib/contracts/event-view';
import { tableDetailSchema, type TableDetail } from '@/lib/contracts/table-stats';
import { fetchJson, HttpError, tableSegment } from './fetch-json';
import { queryKeys } from './query-keys';
import { MAX_EVENTS_PER_TABLE, mergeEvents } from './realtime-bridge';
import { mergeTableDetail } from './table-merge';
import { useRealtime } from './socket-provider';
import { usePollInterval } from './use-connection-state';
import { useRoom } from './use-room';

const eventListSchema = eventListItemSchema.array();

/** Detail and recent events of one table: HTTP first, then the table room's pushes. */
export function useTable(table: string) {
  const room = useMemo(() => ({ kind: 'table', table }) as const, [table]);
  useRoom(room);
  const queryClient = useQueryClient();
  const bridge = useRealtime();
  const refetchInterval = usePollInterval();
  const base = `/api/tables/${tableSegment(table)}`;

  const detail = useQuery({
    queryKey: queryKeys.table(table),
    queryFn: async ({ signal }) => {
      const started = Date.now();
      const fetched = await fetchJson(base, tableDetailSchema, signal);
      // A push that landed while we fetched is newer: keep it, on top of the fetched 15 minutes when it is partial.
      const cached = queryClient.getQueryData<TableDetail>(queryKeys.table(table));
      return cached && bridge.lastPushAt(queryKeys.table(table)) >= started
        ? mergeTableDetail(fetched, cached)
        : fetched;
    },
    refetchInterval,
  });

  const events = useQuery({
    queryKey: queryKeys.tableEvents(table),
    queryFn: async ({ signal }) => {
      const fetched = await fetchJson(`${base}/events`, eventListSchema, signal);
      // Merge rather than replace: pushes may already hold newer events.
      const cached = queryClient.getQueryData<EventListItem[]>(queryKeys.tableEvents(table));
      return mergeEvents(fetched, cached ?? [], MAX_EVENTS_PER_TABLE);
    },
    refetchInterval,
  });

  const notFound = detail.error instanceof HttpError && detail.error.status === 404;
  return { detail, events, notFound };
}
