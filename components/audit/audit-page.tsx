'use client';

import { useState } from 'react';
import { HttpError } from '../realtime/fetch-json';
import { AuditTable } from './audit-table';
import { AUDIT_REFRESH_MS, useAuditPage } from './use-audit-page';

/**
 * `/audit`: every replay, newest first: who sent which event to which sink,
 * the payload's hash and the result. Pages older entries with the server's
 * cursor; the newest page refreshes every few seconds.
 */
export function AuditPage() {
  // Cursors of the pages walked so far; the last one is shown (undefined: the newest page).
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const before = cursors[cursors.length - 1];
  const { data, error: finalError, failureReason, isPending, isPlaceholderData } = useAuditPage(before);
  // Shown from the first failed attempt, not only once the retries ran out.
  const error = finalError ?? failureReason;
  const newest = before === undefined;

  return (
    <>
      <div className="title-row">
        <h1>Audit</h1>
        <span className="muted">
          every replay: who sent which event where, the hash of what was sent, and the result
        </span>
      </div>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="audit-error">
          Could not load the audit log:{' '}
          {error instanceof HttpError && error.status === 503 ? 'its store is unavailable' : error.message}.{' '}
          {error instanceof HttpError && error.status >= 400 && error.status < 500 ? '' : 'Retrying…'}
        </p>
      )}
      {isPending && !error && <p className="notice">Loading the audit log…</p>}
      {data && (
        <section className="panel" aria-labelledby="audit-heading" data-testid="audit">
          <div className="panel-head">
            <h2 id="audit-heading">Replays</h2>
            <span className="muted" data-testid="audit-store">
              kept in {data.store} · append-only{newest ? ` · refreshed every ${AUDIT_REFRESH_MS / 1000} s` : ''}
            </span>
            <div className="panel-head-end">
              <button
                type="button"
                className="btn"
                onClick={() => setCursors([undefined])}
                disabled={newest}
                title={newest ? 'Showing the newest entries already' : undefined}
                data-testid="audit-newest"
              >
                Newest
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => setCursors((c) => c.slice(0, -1))}
                disabled={newest}
                title={newest ? 'Nothing newer: these are the newest entries' : undefined}
                data-testid="audit-newer"
              >
                Newer
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => data.nextBefore !== null && setCursors((c) => [...c, data.nextBefore ?? undefined])}
                disabled={data.nextBefore === null || isPlaceholderData}
                title={
                  data.nextBefore === null
                    ? 'Nothing older: this page ends with the oldest entry'
                    : isPlaceholderData
                      ? 'Loading this page…'
                      : undefined
                }
                data-testid="audit-older"
              >
                Older
              </button>
            </div>
          </div>
          {(data.warnings ?? []).map((w) => (
            <p key={w} className="notice notice-warn" data-testid="audit-warning">
              {w}
            </p>
          ))}
          {data.entries.length === 0 ? (
            <p className="notice" data-testid="audit-empty">
              {newest
                ? 'No replays yet. Replays sent from the inspector are recorded here before they are sent.'
                : 'No older replays.'}
            </p>
          ) : (
            <AuditTable entries={data.entries} />
          )}
        </section>
      )}
    </>
  );
}
