import '../server-only';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { hostAllowed } from '../../lib/auth/hosts';
import { isPublicPagePath } from '../../lib/auth/paths';

/**
 * What every HTTP answer gets before the API or Next.js sees the request
 * (issue #17.8–9): the `Host` check against DNS rebinding, and the security
 * headers. Signed-in pages are also kept out of shared caches.
 */

/**
 * The pages' Content-Security-Policy. Next.js inlines its bootstrap and the
 * React Server Components payload as inline scripts, so scripts need
 * 'unsafe-inline' (a nonce would need every page rendered per request);
 * what matters most here holds regardless: nothing is loaded or sent
 * anywhere but this origin, no plugin, no <base> rewrite, and no framing.
 * Development adds 'unsafe-eval' (React's dev build and hot reload use it).
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The headers every answer carries, API and pages alike. */
export function securityHeaders(dev: boolean): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy(dev),
    // For browsers that predate frame-ancestors.
    'x-frame-options': 'DENY',
    'x-content-type-options': 'nosniff',
    // Same-origin requests keep it: the CSRF check falls back to Referer when Origin is absent.
    'referrer-policy': 'same-origin',
  };
}

/** What signed-in pages are sent with, whatever Next.js would say (it marks static pages `s-maxage=31536000`). */
export const PRIVATE_NO_STORE = 'private, no-store';

/**
 * Pins one header on a response: later `setHeader` calls for it and its
 * entries in `writeHead` are dropped, so a framework further down cannot
 * replace it.
 */
export function pinHeader(res: ServerResponse, name: string, value: string): void {
  const lower = name.toLowerCase();
  res.setHeader(lower, value);
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (n: string, v: number | string | readonly string[]) =>
    n.toLowerCase() === lower ? res : setHeader(n, v);
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = (...args: unknown[]) => {
    const last = args.length - 1;
    const headers = args[last];
    if (Array.isArray(headers)) {
      // Either [name, value, name, value…] or [[name, value]…].
      const flat = headers.every((h) => typeof h === 'string');
      const kept: unknown[] = [];
      if (flat) {
        for (let i = 0; i + 1 < headers.length; i += 2)
          if (String(headers[i]).toLowerCase() !== lower) kept.push(headers[i], headers[i + 1]);
      } else for (const h of headers) if (!Array.isArray(h) || String(h[0]).toLowerCase() !== lower) kept.push(h);
      args[last] = kept;
    } else if (headers !== null && typeof headers === 'object') {
      const copy: OutgoingHttpHeaders = {};
      for (const [k, v] of Object.entries(headers as OutgoingHttpHeaders)) if (k.toLowerCase() !== lower) copy[k] = v;
      args[last] = copy;
    }
    return writeHead(...args);
  };
}

export type FrontDoorOptions = {
  /** Host names to answer (lib/auth/hosts.ts `allowedHosts`); null: any. */
  allowedHosts: ReadonlySet<string> | null;
  /** Auth on: pages other than the public ones are sent `private, no-store`. */
  authEnabled: boolean;
  dev: boolean;
};

/**
 * Returns a function to call first on every request: true when it answered
 * (a refused Host), false when the request goes on to the API or Next.js,
 * with the security headers already set on the response.
 */
export function createFrontDoor(options: FrontDoorOptions) {
  const headers = securityHeaders(options.dev);
  return function frontDoor(req: IncomingMessage, res: ServerResponse): boolean {
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (!hostAllowed(req.headers.host, options.allowedHosts)) {
      // 421 Misdirected Request: this server is not the one that name is for.
      res.writeHead(421, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ error: 'unknown Host; add it to server.allowedHosts if this server is reached by it' }));
      return true;
    }
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (options.authEnabled && !isPublicPagePath(path)) pinHeader(res, 'cache-control', PRIVATE_NO_STORE);
    return false;
  };
}
