'use client';

import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { z } from 'zod';
import { apiErrorReason } from '@/lib/contracts/api-error';
import { eventDetailSchema, eventPageSchema, type EventPage } from '@/lib/contracts/inspector';
import { replicasResponseSchema, type ReplicasResponse } from '@/lib/contracts/replicas';
import { sourceSummarySchema, type SourceSummary } from '@/lib/contracts/source-status';
import { tableSummarySchema, type TableSummary } from '@/lib/contracts/table-stats';
import { fetchJson, HttpError, parseAnswer, redirectToLoginOn401 } from '../realtime/fetch-json';
import { sideLabel } from '@/lib/replicas/side-selector';
import { appendOlder, eventDetailUrl, eventsUrl, INITIAL_LIST, mergeNewest, type ListState } from './inspector-query';
import { errorMessage } from '@/lib/error-message';

/** Live tail: the newest page is polled this often while not paused. */
export const LIVE_POLL_MS = 1000;

/** Inspector queries: HTTP only (no socket room), so their keys stay here. */
const inspectorKeys = {
  newest: (query: string) => ['inspector-newest', query] as const,
  event: (id: string) => ['inspector-event', id] as const,
  tables: ['inspector-tables'] as const,
  sources: ['inspector-sources'] as const,
  replicaSides: ['inspector-replica-sides'] as const,
};

/** A 4xx/5xx from the events API, with the server's readable reason (`{error}`) when it sent one. */
export class ApiError extends HttpError {
  constructor(
    status: number,
    url: string,
    readonly reason: string | null,
  ) {
    super(status, url);
    if (reason) this.message = reason;
  }
}

async function getJson<S extends z.ZodType>(url: string, schema: S, signal?: AbortSignal): Promise<z.output<S>> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    redirectToLoginOn401(res.status);
    // Not JSON (a proxy's page): the status says enough.
    const body: unknown = await res.json().catch(() => undefined);
    throw new ApiError(res.status, url, apiErrorReason(body) ?? null);
  }
  return parseAnswer(schema, await res.json(), url);
}

const tablesSchema = tableSummarySchema.array();
const sourcesSchema = sourceSummarySchema.array();
/** The replica sides are an extra in the filter form: without them (an odd answer) the form still works. */
const replicasOrNoneSchema = replicasResponseSchema.catch({ pairs: [], suggestions: [] });

const noRetryOnClientError = (failures: number, error: unknown) =>
  !(error instanceof HttpError && error.status >= 400 && error.status < 500) && failures < 3;

type Action = { type: 'newest'; page: EventPage } | { type: 'older'; page: EventPage };

function reduce(state: ListState, action: Action): ListState {
  return action.type === 'newest' ? mergeNewest(state, action.page) : appendOlder(state, action.page);
}

/**
 * The inspector list for one filter query string: the newest page polled
 * every second while live (merged on top), older pages on demand (cursor).
 * Mount it keyed by the query: a new filter starts a new list.
 */
export function useEventList(filterQuery: string, { paused, enabled }: { paused: boolean; enabled: boolean }) {
  const [list, dispatch] = useReducer(reduce, INITIAL_LIST);
  const [older, setOlder] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const abortRef = useRef<AbortController | null>(null);

  const newest = useQuery({
    queryKey: inspectorKeys.newest(filterQuery),
    queryFn: ({ signal }) => getJson(eventsUrl(new URLSearchParams(filterQuery)), eventPageSchema, signal),
    enabled,
    refetchInterval: paused ? false : LIVE_POLL_MS,
    refetchIntervalInBackground: false,
    retry: noRetryOnClientError,
    // A remount must not replay an old page as the list's start.
    gcTime: 0,
  });

  const page = newest.data;
  const updatedAt = newest.dataUpdatedAt;
  useEffect(() => {
    if (page) dispatch({ type: 'newest', page });
    // One merge per received page (TanStack keeps `data` identical when unchanged).
  }, [page, updatedAt]);

  const loadOlder = useCallback(async () => {
    if (!list.olderCursor) return;
    abortRef.current?.abort();
    const ctrl = new AbortController();
    abortRef.current = ctrl;
    setOlder({ loading: true, error: null });
    try {
      const p = await getJson(
        eventsUrl(new URLSearchParams(filterQuery), { cursor: list.olderCursor }),
        eventPageSchema,
        ctrl.signal,
      );
      dispatch({ type: 'older', page: p });
      setOlder({ loading: false, error: null });
    } catch (err) {
      if (ctrl.signal.aborted) return;
      setOlder({ loading: false, error: errorMessage(err) });
    }
  }, [filterQuery, list.olderCursor]);

  useEffect(() => () => abortRef.current?.abort(), []);

  return { list, newest, loadOlder, older };
}

/** One event, masked by the server. Events never change: fetched once, 404 once evicted. */
export function useEventDetail(id: string | null) {
  const query = useQuery({
    queryKey: inspectorKeys.event(id ?? ''),
    queryFn: ({ signal }) => getJson(eventDetailUrl(id ?? ''), eventDetailSchema, signal),
    enabled: id !== null && id !== '',
    retry: noRetryOnClientError,
  });
  const notFound = query.error instanceof HttpError && query.error.status === 404;
  return { ...query, notFound };
}

/** A replica side in the filter form: `inventory:a` shown as `inventory: A (replica_a)`. */
export interface SideOption {
  value: string;
  label: string;
}

/** Table keys, source ids and replica sides for the filter's selects (refreshed now and then: new tables appear). */
export function useFilterOptions() {
  const tables = useQuery({
    queryKey: inspectorKeys.tables,
    queryFn: ({ signal }) => fetchJson('/api/tables', tablesSchema, signal),
    refetchInterval: 15_000,
    select: (ts: TableSummary[]) => ts.map((t) => t.tableKey).sort(),
  });
  const sources = useQuery({
    queryKey: inspectorKeys.sources,
    queryFn: ({ signal }) => fetchJson('/api/sources', sourcesSchema, signal),
    refetchInterval: 15_000,
    select: (ss: SourceSummary[]) => ss.map((s) => s.id),
  });
  const sides = useQuery({
    queryKey: inspectorKeys.replicaSides,
    queryFn: ({ signal }) => fetchJson('/api/replicas', replicasOrNoneSchema, signal),
    refetchInterval: 60_000,
    select: (r: ReplicasResponse): SideOption[] =>
      r.pairs.flatMap((p) =>
        (['a', 'b'] as const).map((side) => ({
          value: `${p.pairId}:${side}`,
          label: `${p.pairId}: ${side.toUpperCase()} (${sideLabel(p.sides[side].selector)})`,
        })),
      ),
  });
  return { tableKeys: tables.data ?? [], sourceIds: sources.data ?? [], sides: sides.data ?? [] };
}
