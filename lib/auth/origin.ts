/**
 * CSRF defences for state-changing requests. Two independent checks, because
 * either alone has gaps: the Origin (or Referer) must name this server's host,
 * and a cookie-authenticated request must echo its session's CSRF token in a
 * header, which a cross-site form or <img> cannot set.
 */

export type OriginVerdict = 'same' | 'cross' | 'absent';

function originOf(url: string): { scheme: string; host: string } | null {
  try {
    const u = new URL(url);
    return { scheme: u.protocol.replace(/:$/, ''), host: u.host.toLowerCase() };
  } catch {
    return null;
  }
}

/**
 * Where a request says it came from, compared with the `Host` it was sent to
 * and the scheme it came over (`https://host` is another origin than `http://host`).
 * `Origin: null` (sandboxed frames, some redirects) and unparsable values count
 * as cross-site; so does any origin when the Host header is missing.
 */
export function originVerdict(headers: {
  origin?: string;
  referer?: string;
  host?: string;
  /** The scheme the request came over (`http`, or `https` through TLS or a proxy saying so): an origin must match it too. */
  scheme: 'http' | 'https';
}): OriginVerdict {
  const claimed = headers.origin ?? headers.referer;
  if (claimed === undefined || claimed === '') return 'absent';
  const host = headers.host?.toLowerCase();
  if (!host || claimed === 'null') return 'cross';
  const o = originOf(claimed);
  return o !== null && o.host === host && o.scheme === headers.scheme ? 'same' : 'cross';
}

/** GET and HEAD change nothing (the API keeps it so), so only other methods are checked. */
export function isSafeMethod(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}

export type CsrfInput = {
  method: string | undefined;
  origin: OriginVerdict;
  /** How the caller authenticated: a session cookie, a bearer token, or not at all (login). */
  via: 'session' | 'token' | 'none';
  /** Whether the `x-csrf-token` header matched the session's token (compared in constant time by the caller). */
  csrfTokenValid: boolean;
};

/**
 * Null when the request may proceed, else why it is refused (answered with 403).
 * Bearer-token requests skip the token (a browser never attaches them on its
 * own) but not a cross-site Origin; a missing Origin is only tolerated without
 * a session, i.e. from scripts.
 */
export function csrfRefusal(input: CsrfInput): string | null {
  if (isSafeMethod(input.method)) return null;
  if (input.origin === 'cross') return 'cross-site request refused';
  if (input.via !== 'session') return null;
  if (input.origin === 'absent') return 'missing Origin or Referer';
  if (!input.csrfTokenValid) return 'missing or invalid x-csrf-token';
  return null;
}
