'use client';

import { useQuery } from '@tanstack/react-query';
import { eventDetailSchema } from '@/lib/contracts/inspector';
import { messageQueryOf, type BrokerRef } from '@/lib/contracts/seek';
import { fetchJson, HttpError } from '../realtime/fetch-json';

/** One message read back from the broker, whole and masked (`GET /api/seek/message`); fetched on demand, cached by reference. */
export function useSeekMessage(ref: BrokerRef | null) {
  const search = ref ? messageQueryOf(ref).toString() : '';
  const q = useQuery({
    queryKey: ['seek-message', search],
    queryFn: ({ signal }) => fetchJson(`/api/seek/message?${search}`, eventDetailSchema, signal),
    enabled: ref !== null,
    staleTime: Infinity,
    retry: (failures, error) => !(error instanceof HttpError && error.status < 500) && failures < 2,
  });
  return { ...q, notFound: q.error instanceof HttpError && q.error.status === 404 };
}
