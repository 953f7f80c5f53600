/**
 * The `Host` check against DNS rebinding (issue #17.9). A page on
 * `evil.example` whose name is re-pointed at 127.0.0.1 can send requests to
 * this server from the victim's browser as same-origin, with `Host:
 * evil.example`. Answering only the host names this server is known by ends
 * that: with auth off it is the only thing between such a page and the data.
 */

/** Names a loopback-bound server is reached by. */
export const LOOPBACK_NAMES: readonly string[] = ['localhost', '127.0.0.1', '::1'];

export function isLoopbackAddress(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/**
 * The host names to answer, lower case; null means any. Configured names win;
 * otherwise a server bound to a loopback address answers its loopback names
 * only, and one bound to every interface (or a public address) answers any
 * name, since it cannot know what it is called (configure `server.allowedHosts`).
 * A configured name starting with a dot (`.example.com`) allows its subdomains too.
 */
export function allowedHosts(bindHost: string, configured: readonly string[] | undefined): ReadonlySet<string> | null {
  if (configured && configured.length > 0)
    return new Set(configured.map((h) => h.toLowerCase().replace(/^\[|\]$/g, '')));
  if (isLoopbackAddress(bindHost)) return new Set([...LOOPBACK_NAMES, bindHost.toLowerCase().replace(/^\[|\]$/g, '')]);
  return null;
}

/** The host name of a `Host` header (`name:port`, `[v6]:port`), lower case, without port or brackets; null if malformed. */
export function hostName(header: string | undefined): string | null {
  if (!header) return null;
  const h = header.trim().toLowerCase();
  const v6 = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(h);
  if (v6) return v6[1] ?? null;
  const m = /^([a-z0-9.-]+?)\.?(?::\d{1,5})?$/.exec(h);
  return m?.[1] ?? null;
}

/** Whether a request's `Host` header names this server. */
export function hostAllowed(header: string | undefined, allowed: ReadonlySet<string> | null): boolean {
  if (allowed === null) return true;
  const name = hostName(header);
  if (name === null) return false;
  if (allowed.has(name)) return true;
  for (const a of allowed) if (a.startsWith('.') && (name.endsWith(a) || name === a.slice(1))) return true;
  return false;
}
