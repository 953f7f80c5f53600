'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LOGIN_PATH } from '@/lib/auth/paths';
import { meSchema, type Me } from '@/lib/contracts/me';
import { parseAnswer } from '../realtime/fetch-json';

export function parseMe(j: unknown): Me {
  return parseAnswer(meSchema, j, '/api/me');
}

export async function fetchMe(signal?: AbortSignal): Promise<Me> {
  // /api/me is open (it answers "nobody" rather than 401), so no login redirect here.
  const res = await fetch('/api/me', { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) throw new Error(`HTTP ${res.status} for /api/me`);
  return parseMe(await res.json());
}

const itemStyle = { fontSize: 12.5, color: '#cbd5e1' } as const;

/**
 * Header: the signed-in user, their role and "Sign out". Renders nothing while
 * loading, when authentication is off (the open dashboard looks as before) and
 * when nobody is signed in (the login page).
 */
export function UserMenu() {
  const { data: me } = useQuery({ queryKey: ['me'], queryFn: ({ signal }) => fetchMe(signal), retry: 1 });
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  if (!me?.authEnabled || !me.user) return null;

  async function signOut() {
    setBusy(true);
    setFailed(false);
    try {
      const res = await fetch('/api/logout', {
        method: 'POST',
        headers: { accept: 'application/json', ...(me?.csrfToken ? { 'x-csrf-token': me.csrfToken } : {}) },
        cache: 'no-store',
      });
      // 401: the session had already ended; either way the login page is next.
      if (res.ok || res.status === 401) {
        window.location.assign(LOGIN_PATH);
        return;
      }
      setFailed(true);
    } catch {
      setFailed(true);
    }
    setBusy(false);
  }

  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10, marginLeft: 14, verticalAlign: 'middle' }}>
      <span style={itemStyle}>
        <span data-testid="user-name" style={{ color: '#fff', fontWeight: 600 }}>
          {me.user}
        </span>{' '}
        <span data-testid="user-role">{me.role}</span>
      </span>
      <button
        type="button"
        data-testid="sign-out"
        onClick={() => void signOut()}
        disabled={busy}
        title={failed ? 'Sign-out failed; try again' : undefined}
        style={{
          fontSize: 12.5,
          padding: '3px 10px',
          borderRadius: 6,
          border: '1px solid rgba(255,255,255,0.25)',
          background: 'transparent',
          color: '#fff',
          cursor: 'pointer',
        }}
      >
        {busy ? 'Signing out…' : failed ? 'Sign out (retry)' : 'Sign out'}
      </button>
    </span>
  );
}
