'use client';

import { useState, type SubmitEvent } from 'react';
import { safeNextPath } from '@/lib/auth/paths';
import { apiErrorReason } from '@/lib/contracts/api-error';

/**
 * A plain form posting JSON to /api/login (the server refuses form encodings,
 * a CSRF defence). On success a full page load back to `next`, so the socket
 * reconnects with the new cookie.
 */
export function LoginForm() {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      const res = await fetch('/api/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ username: form.get('username'), password: form.get('password') }),
      });
      if (res.ok) {
        window.location.assign(safeNextPath(new URLSearchParams(window.location.search).get('next')));
        return;
      }
      const body: unknown = await res.json().catch(() => undefined);
      setError(apiErrorReason(body) ?? `sign-in failed (HTTP ${res.status})`);
    } catch {
      setError('the server cannot be reached');
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(e) => void submit(e)} method="post" action="/api/login">
      <p>
        <label>
          Username <input name="username" autoComplete="username" required autoFocus />
        </label>
      </p>
      <p>
        <label>
          Password <input name="password" type="password" autoComplete="current-password" required />
        </label>
      </p>
      <p>
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </p>
      {error && (
        <p role="alert" className="muted">
          {error}
        </p>
      )}
    </form>
  );
}
