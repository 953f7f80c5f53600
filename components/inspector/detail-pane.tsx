'use client';

import Link from 'next/link';
import { EventDetailView } from './event-detail';
import { useEventDetail } from './use-inspector';
import { errorMessage } from '@/lib/error-message';

/** One event's detail with its loading, error and "evicted" states. */
export function DetailPane({ id, onClose }: { id: string; onClose?: () => void }) {
  const q = useEventDetail(id);
  return (
    <div className="detail-pane">
      {onClose && (
        <div className="detail-pane-bar">
          <span className="muted mono" title={id}>
            {id}
          </span>
          <button
            type="button"
            className="btn btn-small"
            onClick={onClose}
            aria-label="Close the detail"
            data-testid="detail-close"
          >
            ×
          </button>
        </div>
      )}
      {q.notFound ? (
        <p className="notice notice-error" role="alert" data-testid="inspector-not-found" data-id={id}>
          This event is no longer in the server&apos;s buffer (evicted, or the server restarted).{' '}
          <Link href="/inspector">Back to the inspector</Link>
        </p>
      ) : !q.data && (q.error ?? q.failureReason) ? (
        <p className="notice notice-error" role="alert">
          Could not load the event: {errorMessage(q.error ?? q.failureReason)}
          {q.error ? '' : '. Retrying…'}
        </p>
      ) : q.data ? (
        <EventDetailView detail={q.data} />
      ) : (
        <p className="notice">Loading…</p>
      )}
    </div>
  );
}
