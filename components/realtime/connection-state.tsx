'use client';

import { usePathname } from 'next/navigation';
import { LOGIN_PATH } from '@/lib/auth/paths';
import { useConnectionState } from './use-connection-state';

const LABELS = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  disconnected: 'Disconnected',
} as const;

/** Header badge for the shared socket's state. */
export function ConnectionStateBadge() {
  const { status, attempt } = useConnectionState();
  const pathname = usePathname();
  // No socket on the login page (see SocketProvider), so no state to show.
  if (pathname === LOGIN_PATH) return null;
  const label = status === 'reconnecting' && attempt > 0 ? `${LABELS[status]} (attempt ${attempt})` : LABELS[status];
  return (
    <span
      className={`conn conn-${status}`}
      data-testid="connection-state"
      data-state={status}
      role="status"
      aria-live="polite"
    >
      <span className="conn-dot" aria-hidden="true" />
      {label}
    </span>
  );
}
