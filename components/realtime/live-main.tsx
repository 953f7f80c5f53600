'use client';

import { useQueryClient } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { LOGIN_PATH } from '@/lib/auth/paths';
import { formatAge, formatClock } from '../format';
import { useNow } from '../use-now';
import { useConnectionState } from './use-connection-state';

/** Newest data the page shows: the latest write (push or fetch) of any query on screen. */
function useLastUpdatedAt(): number {
  const queryClient = useQueryClient();
  useNow(); // re-read once a second while stale
  let newest = 0;
  for (const q of queryClient.getQueryCache().getAll())
    if (q.isActive() && q.state.dataUpdatedAt > newest) newest = q.state.dataUpdatedAt;
  return newest;
}

function StaleNotice() {
  const now = useNow();
  const at = useLastUpdatedAt();
  return (
    <p className="notice notice-warn stale-notice" role="status" data-testid="stale-notice">
      <strong>Live updates interrupted, reconnecting.</strong>{' '}
      {at > 0 ? (
        <>
          Figures are as of <time dateTime={new Date(at).toISOString()}>{formatClock(at)}</time> (
          <span data-testid="stale-age">{formatAge(at, now)}</span>) and greyed until the connection is back; seconds
          missed meanwhile show as gaps, then refill from the server&apos;s history.
        </>
      ) : (
        'Nothing received yet.'
      )}
    </p>
  );
}

/**
 * The page's main region. While the socket is down (after a first connection
 * attempt failed) the page says so and greys its figures: what is shown may
 * be old, and a monitor must not pass it off as live.
 */
export function LiveMain({ children }: { children: ReactNode }) {
  const { status } = useConnectionState();
  const onLogin = usePathname() === LOGIN_PATH;
  const stale = !onLogin && (status === 'reconnecting' || status === 'disconnected');
  return (
    <main id="main" tabIndex={-1} className={stale ? 'page stale' : 'page'} data-stale={stale || undefined}>
      {stale && <StaleNotice />}
      {children}
    </main>
  );
}
