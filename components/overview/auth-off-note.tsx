'use client';

import { useSyncExternalStore } from 'react';

const noSubscription = () => () => undefined;
const hasNote = () => new URLSearchParams(window.location.search).get('note') === 'auth-off';
const onServer = () => false;

/** Shown after `/login` was asked for while sign-in is off (the server redirects here with `note=auth-off`). */
export function AuthOffNote() {
  const show = useSyncExternalStore(noSubscription, hasNote, onServer);
  if (!show) return null;
  return (
    <p className="notice" role="status" data-testid="auth-off-note">
      Sign-in is off on this dashboard (<code>auth.enabled</code> is not set in its configuration), so there is nothing
      to sign in to: everyone sees every page as a viewer, and replay is open to the demo&apos;s own sink only. See
      &quot;Users and access&quot; in the README to turn sign-in on.
    </p>
  );
}
