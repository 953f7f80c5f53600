import type { IncomingMessage } from 'node:http';
import { serializeCookie } from '../../lib/auth/cookies';
import { clientIp, requestIsTls } from '../auth/auth-http';
import { SESSION_COOKIE, sessionIdFrom, type AuthService } from '../auth/auth-service';
import { SessionStoreUnavailable } from '../auth/shared-sessions';
import type { Reply, Route } from './route';

function sessionCookie(req: IncomingMessage, value: string, maxAge?: number): string {
  // No Max-Age on sign-in: a browser-session cookie; the server's idle and absolute limits end it sooner.
  return serializeCookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: requestIsTls(req),
    path: '/',
    maxAge,
  });
}

const NOT_ENABLED: Reply = { status: 404, body: { error: 'authentication is not enabled' } };

/**
 * Cluster mode with Redis unreachable: a sign-in or sign-out cannot be made
 * on every instance, so it is refused as a temporary condition (503), with a
 * fixed text: what Redis said, and where it is, stay in the server's log.
 */
async function unlessStoreDown(work: () => Promise<Reply>): Promise<Reply> {
  try {
    return await work();
  } catch (err) {
    if (!(err instanceof SessionStoreUnavailable)) throw err;
    return {
      status: 503,
      body: { error: 'session store unavailable; try again shortly' },
      headers: { 'retry-after': '5' },
    };
  }
}

/**
 * `/api/login`, `/api/logout` and `/api/me`, as routes of the API's table.
 * They live in server/http, not server/auth, so that http depends on auth
 * and never the other way round.
 */
export function createAuthRoutes(auth: AuthService): Route[] {
  return [
    {
      pattern: /^\/api\/login$/,
      method: 'POST',
      signIn: true,
      handle: async (_params, _search, { req, body }): Promise<Reply> => {
        if (!auth.enabled) return NOT_ENABLED;
        const input = body as { username?: unknown; password?: unknown } | undefined;
        const { username, password } = input ?? {};
        if (
          typeof username !== 'string' ||
          typeof password !== 'string' ||
          !username ||
          username.length > 128 ||
          password.length > 1024
        ) {
          return { status: 400, body: { error: 'expected JSON {"username": string, "password": string}' } };
        }
        return unlessStoreDown(async (): Promise<Reply> => {
          const result = await auth.login(username, password, clientIp(req));
          if (!result.ok) {
            if (result.status === 429)
              return {
                status: 429,
                body: { error: 'too many failed sign-ins; try again later' },
                headers: { 'retry-after': String(result.retryAfterSeconds) },
              };
            return { status: 401, body: { error: 'invalid username or password' } };
          }
          // A new id on every sign-in, and the old session (if any) ended: no session fixation.
          const previous = sessionIdFrom(req.headers.cookie);
          if (previous) await auth.logout(previous);
          const { session } = result;
          return {
            status: 200,
            body: { user: session.user, role: session.role, csrfToken: session.csrfToken },
            headers: { 'set-cookie': sessionCookie(req, session.id) },
          };
        });
      },
    },
    {
      pattern: /^\/api\/logout$/,
      method: 'POST',
      handle: async (_params, _search, { req }) => {
        if (!auth.enabled) return NOT_ENABLED;
        const id = sessionIdFrom(req.headers.cookie);
        return unlessStoreDown(async (): Promise<Reply> => {
          if (id) await auth.logout(id);
          return { status: 200, body: { ok: true }, headers: { 'set-cookie': sessionCookie(req, '', 0) } };
        });
      },
    },
    {
      pattern: /^\/api\/me$/,
      handle: (_params, _search, { principal }) => {
        if (!auth.enabled) return { status: 200, body: { authEnabled: false, user: null, role: 'viewer' } };
        if (!principal) return { status: 200, body: { authEnabled: true, user: null, role: null } };
        const csrf = principal.session ? { csrfToken: principal.session.csrfToken } : {};
        return { status: 200, body: { authEnabled: true, user: principal.user, role: principal.role, ...csrf } };
      },
    },
  ];
}
