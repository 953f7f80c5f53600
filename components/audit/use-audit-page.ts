'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { auditPageSchema } from '@/lib/contracts/audit';
import { fetchJson, HttpError } from '../realtime/fetch-json';
import { auditUrl } from './audit-format';

/**
 * How often the newest page is re-read: a replay shows up within this. Older
 * pages are not re-read on a timer: they are history, and beyond the server's
 * memory window each read streams the whole log file.
 */
export const AUDIT_REFRESH_MS = 5_000;
/** Entries per page: a screenful or two; the API allows up to 500. */
export const AUDIT_PAGE_SIZE = 50;

/** Every audit query starts with this key: invalidate it after a replay to show it at once. */
export const auditQueryKey = ['audit'] as const;

/** One page of the audit log; `before` undefined is the newest page. */
export function useAuditPage(before: string | undefined) {
  return useQuery({
    queryKey: [...auditQueryKey, before ?? 'newest'],
    queryFn: ({ signal }) => fetchJson(auditUrl(before, AUDIT_PAGE_SIZE), auditPageSchema, signal),
    refetchInterval: before === undefined ? AUDIT_REFRESH_MS : false,
    // Keep the rows on screen while the next page loads, instead of flashing "Loading…".
    placeholderData: keepPreviousData,
    // A 400 (a stale cursor) or 403 will not fix itself; 503 (database down) might.
    retry: (count, err) => !(err instanceof HttpError && err.status >= 400 && err.status < 500) && count < 3,
  });
}
