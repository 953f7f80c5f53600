'use client';

import { useQuery } from '@tanstack/react-query';
import { apiErrorReason } from '@/lib/contracts/api-error';
import {
  connectorActionResultSchema,
  connectorsResponseSchema,
  type ConnectorActionResult,
} from '@/lib/contracts/connectors';
import { fetchJson, parseAnswer, redirectToLoginOn401 } from '../realtime/fetch-json';

/** The server polls Connect every few seconds; the page re-reads its view as often. */
export const CONNECTORS_REFRESH_MS = 2_000;
export const connectorsQueryKey = ['connectors'] as const;

export function useConnectors() {
  return useQuery({
    queryKey: connectorsQueryKey,
    queryFn: ({ signal }) => fetchJson('/api/connectors', connectorsResponseSchema, signal),
    refetchInterval: CONNECTORS_REFRESH_MS,
  });
}

/** POSTs an action; 502 (Connect refused) still answers with the outcome. Throws the server's reason otherwise. */
export async function postAction(url: string, csrfToken: string | undefined): Promise<ConnectorActionResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    cache: 'no-store',
  });
  redirectToLoginOn401(res.status);
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok && res.status !== 502) throw new Error(apiErrorReason(body) ?? `HTTP ${res.status}`);
  return parseAnswer(connectorActionResultSchema, body, url);
}
