import { HttpError } from '../realtime/fetch-json';

/** What QueryStatus reads of a TanStack query. */
export interface QueryLike {
  data: unknown;
  isPending: boolean;
  error: Error | null;
  /** The last failure, set from the first failed attempt on (while `error` waits for the retries to run out). */
  failureReason: Error | null;
  failureCount: number;
}

/** Failures the query will not retry (see the QueryClient's `retry`): saying "Retrying…" would be a lie. */
export function isFinalFailure(err: Error): boolean {
  return err instanceof HttpError && err.status >= 400 && err.status < 500;
}

/**
 * Loading and error states of a page's main query, before it has data: an
 * error shows from the first failed attempt (not after the retries), with
 * the attempt count, so a dead server never reads as "Loading…" forever.
 * Pages render their own empty state once data is there.
 */
export function QueryStatus({ query, what, testId }: { query: QueryLike; what: string; testId?: string }) {
  if (query.data !== undefined) return null;
  const err = query.error ?? query.failureReason;
  if (err) {
    const final = isFinalFailure(err);
    return (
      <p className="notice notice-error" role="alert" data-testid={testId ?? 'query-error'}>
        Could not load {what}: {err.message}.{' '}
        {final ? '' : `Retrying${query.failureCount > 1 ? ` (attempt ${query.failureCount + 1})` : ''}…`}
      </p>
    );
  }
  if (query.isPending)
    return (
      <p className="notice" role="status" data-testid="query-loading">
        Loading {what}…
      </p>
    );
  return null;
}
