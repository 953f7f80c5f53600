/** Which paths stay reachable without signing in, and where the login page may send the user back to. */

/** API endpoints open to anyone: signing in, liveness probes, and "who am I" (which answers "nobody"). */
export const PUBLIC_API_PATHS: ReadonlySet<string> = new Set(['/api/login', '/api/logout', '/api/healthz', '/api/me']);

export const LOGIN_PATH = '/login';

/** Where `/login` sends a browser when sign-in is off; the overview explains it (`note=auth-off`). */
export const AUTH_OFF_REDIRECT = '/?note=auth-off';

/**
 * Pages and assets served without a session: the login page itself and what it
 * needs to render (Next's bundles and dev tooling, the icon). Bundles carry
 * code, never data: data only comes from the API and the socket, both guarded.
 */
export function isPublicPagePath(path: string): boolean {
  return (
    path === LOGIN_PATH ||
    path.startsWith('/_next/') ||
    path.startsWith('/__nextjs') ||
    path === '/icon.svg' ||
    path === '/favicon.ico' ||
    path === '/robots.txt'
  );
}

/**
 * A `next` target that stays on this site: a path starting with one slash.
 * `//evil.example` and `/\evil.example` are protocol-relative to browsers, so
 * they fall back to the overview, as does anything pointing at the login page.
 */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\u0000-\u001f\\]/.test(next)) return '/';
  if (next === LOGIN_PATH || next.startsWith(`${LOGIN_PATH}?`)) return '/';
  return next;
}

/** Where an unauthenticated page request is redirected to. */
export function loginRedirect(pathWithSearch: string): string {
  const next = safeNextPath(pathWithSearch);
  return next === '/' ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}
