import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { originVerdict } from '../../lib/auth/origin';
import { AUTH_OFF_REDIRECT, isPublicPagePath, LOGIN_PATH, loginRedirect } from '../../lib/auth/paths';
import type { AuthService } from './auth-service';

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

export const schemeOf = (req: IncomingMessage): 'http' | 'https' => (requestIsTls(req) ? 'https' : 'http');

/** The peer address. X-Forwarded-For is not trusted: any client could pick its own throttle key with it. */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** Where to send a page request that needs a sign-in first (or `/login` while sign-in is off), or null to serve it. */
export function pageRedirect(auth: AuthService, req: IncomingMessage): string | null {
  const url = new URL(req.url ?? '/', 'http://localhost');
  // With sign-in off there is nothing to sign in to (`/api/login` answers 404): the overview says why instead.
  if (!auth.enabled) return url.pathname === LOGIN_PATH ? AUTH_OFF_REDIRECT : null;
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
    const origin = originVerdict({
      origin: request.headers.origin,
      host: request.headers.host,
      scheme: schemeOf(request),
    });
    if (origin === 'cross') return false;
    return auth.identify(request.headers, { touch: phase === 'handshake' }) !== null;
  };
}
