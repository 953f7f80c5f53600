'use client';

import { useQuery } from '@tanstack/react-query';
import type { EventDetail } from '@/lib/contracts/inspector';
import { messageQueryOf, type BrokerRef } from '@/lib/contracts/seek';
import { fetchJson, HttpError } from '../realtime/fetch-json';
import { isEventListItem } from '../realtime/guards';

function parseDetail(j: unknown): EventDetail {
  if (!isEventListItem(j) || typeof (j as Partial<EventDetail>).raw !== 'object') throw new Error('unexpected event detail shape');
  return j as EventDetail;
}

/** One message read back from the broker, whole and masked (`GET /api/seek/message`); fetched on demand, cached by reference. */
export function useSeekMessage(ref: BrokerRef | null) {
  const search = ref ? messageQueryOf(ref).toString() : '';
  const q = useQuery({
    queryKey: ['seek-message', search],
    queryFn: ({ signal }) => fetchJson(`/api/seek/message?${search}`, parseDetail, signal),
    enabled: ref !== null,
    staleTime: Infinity,
    retry: (failures, error) => !(error instanceof HttpError && error.status < 500) && failures < 2,
  });
  return { ...q, notFound: q.error instanceof HttpError && q.error.status === 404 };
}
