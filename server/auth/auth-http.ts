import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { serializeCookie } from '../../lib/auth/cookies';
import { originVerdict } from '../../lib/auth/origin';
import { isPublicPagePath, loginRedirect } from '../../lib/auth/paths';
import type { Reply, Route } from '../http/api';
import { SESSION_COOKIE, sessionIdFrom, type AuthService } from './auth-service';

/** Login bodies are two short strings; anything bigger is not a login. */
export const MAX_BODY_BYTES = 16 * 1024;

/**
 * TLS on this socket, or `X-Forwarded-Proto: https` from a terminating proxy.
 * Trusting the header is safe here: it only adds `Secure` to the cookie, and a
 * client that lies about it only breaks its own sign-in over plain HTTP.
 */
export function requestIsTls(req: IncomingMessage): boolean {
  if ((req.socket as TLSSocket | undefined)?.encrypted) return true;
  const proto = req.headers['x-forwarded-proto'];
  return (Array.isArray(proto) ? proto[0] : proto)?.split(',')[0]?.trim().toLowerCase() === 'https';
}

/** The peer address. X-Forwarded-For is not trusted: any client could pick its own throttle key with it. */
export function clientIp(req: IncomingMessage): string {
  return req.socket?.remoteAddress ?? 'unknown';
}

export class BodyError extends Error {
  constructor(readonly status: 400 | 413 | 415, message: string) {
    super(message);
  }
}

/**
 * Reads a JSON body (undefined when empty). Only `application/json` is read:
 * an HTML form cannot send that content type cross-site without a CORS
 * preflight, which this server never answers.
 */
export async function readJsonBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyError(413, `body larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new BodyError(415, 'expected content-type application/json');
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new BodyError(400, 'body is not valid JSON');
  }
}

function sessionCookie(req: IncomingMessage, value: string, maxAge?: number): string {
  // No Max-Age on sign-in: a browser-session cookie; the server's idle and absolute limits end it sooner.
  return serializeCookie(SESSION_COOKIE, value, { httpOnly: true, sameSite: 'Strict', secure: requestIsTls(req), path: '/', maxAge });
}

const NOT_ENABLED: Reply = { status: 404, body: { error: 'authentication is not enabled' } };

/** `/api/login`, `/api/logout` and `/api/me`, as routes of the API's table. */
export function createAuthRoutes(auth: AuthService): Route[] {
  return [
    {
      pattern: /^\/api\/login$/,
      method: 'POST',
      handle: async (_params, _search, { req, body }): Promise<Reply> => {
        if (!auth.enabled) return NOT_ENABLED;
        const input = body as { username?: unknown; password?: unknown } | undefined;
        const { username, password } = input ?? {};
        if (typeof username !== 'string' || typeof password !== 'string' || !username || username.length > 128 || password.length > 1024) {
          return { status: 400, body: { error: 'expected JSON {"username": string, "password": string}' } };
        }
        const result = await auth.login(username, password, clientIp(req));
        if (!result.ok) {
          if (result.status === 429) return { status: 429, body: { error: 'too many failed sign-ins; try again later' }, headers: { 'retry-after': String(result.retryAfterSeconds) } };
          return { status: 401, body: { error: 'invalid username or password' } };
        }
        // A new id on every sign-in, and the old session (if any) ended: no session fixation.
        const previous = sessionIdFrom(req.headers.cookie);
        if (previous) auth.logout(previous);
        const { session } = result;
        return { status: 200, body: { user: session.user, role: session.role, csrfToken: session.csrfToken }, headers: { 'set-cookie': sessionCookie(req, session.id) } };
      },
    },
    {
      pattern: /^\/api\/logout$/,
      method: 'POST',
      handle: (_params, _search, { req }) => {
        if (!auth.enabled) return NOT_ENABLED;
        const id = sessionIdFrom(req.headers.cookie);
        if (id) auth.logout(id);
        return { status: 200, body: { ok: true }, headers: { 'set-cookie': sessionCookie(req, '', 0) } };
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

/** Where to send a page request that needs a sign-in first, or null to serve it. */
export function pageRedirect(auth: AuthService, req: IncomingMessage): string | null {
  if (!auth.enabled) return null;
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (isPublicPagePath(url.pathname)) return null;
  if (auth.identify(req.headers)) return null;
  // Next's client navigations add `_rsc` (a cache-busting internal); returning there after sign-in would be odd.
  url.searchParams.delete('_rsc');
  return loginRedirect(url.pathname + url.search);
}

/**
 * The Socket.IO gate: a valid session cookie or bearer token, and no
 * cross-site Origin (WebSockets are not covered by CORS, so the browser would
 * otherwise let any site open one). Re-checks look without extending the session.
 */
export function socketAuthorizer(auth: AuthService) {
  return (request: IncomingMessage, phase: 'handshake' | 'recheck'): boolean => {
    if (originVerdict({ origin: request.headers.origin, host: request.headers.host }) === 'cross') return false;
    return auth.identify(request.headers, { touch: phase === 'handshake' }) !== null;
  };
}
