import type { z } from 'zod';
import { LOGIN_PATH, loginRedirect } from '@/lib/auth/paths';

/** HTTP error with its status, so queries can skip retries on 404. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP ${status} for ${url}`);
    this.name = 'HttpError';
  }
}

let redirectingToLogin = false;

/**
 * With authentication on, an API answering 401 means the session has ended
 * (idle, too old, signed out elsewhere, server restarted): a full page load to
 * the login page, which comes back here afterwards. Once per page; never from
 * the login page itself, nor outside a browser.
 */
export function redirectToLoginOn401(status: number): void {
  if (status !== 401 || redirectingToLogin || typeof window === 'undefined') return;
  const { pathname, search } = window.location;
  if (pathname === LOGIN_PATH) return;
  redirectingToLogin = true;
  window.location.assign(loginRedirect(pathname + search));
}

/**
 * JSON from the server through its contract schema (lib/contracts/): the
 * checked value, or an error naming the first thing that did not fit.
 */
export function parseAnswer<S extends z.ZodType>(schema: S, json: unknown, url: string): z.output<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  throw new Error(
    `unexpected answer from ${url}${first ? ` at ${first.path.join('.') || 'the top'}: ${first.message}` : ''}`,
  );
}

/** GET same-origin JSON and check its shape before anyone uses it. */
export async function fetchJson<S extends z.ZodType>(
  url: string,
  schema: S,
  signal?: AbortSignal,
): Promise<z.output<S>> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    redirectToLoginOn401(res.status);
    // Read the error body: an unread body keeps the request open (and the connection busy).
    await res.text().catch(() => undefined);
    throw new HttpError(res.status, url);
  }
  const json: unknown = await res.json();
  return parseAnswer(schema, json, url);
}

/** URL path segment for a table key (keys contain dots and may contain anything else). */
export function tableSegment(table: string): string {
  return encodeURIComponent(table);
}

export function tableHref(table: string): string {
  return `/tables/${tableSegment(table)}`;
}

/** The table's schema timeline page. */
export function schemaHref(table: string): string {
  return `${tableHref(table)}/schema`;
}
