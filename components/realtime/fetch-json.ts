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

/** GET same-origin JSON and check its shape before anyone uses it. */
export async function fetchJson<T>(url: string, parse: (json: unknown) => T, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    // Read the error body: an unread body keeps the request open (and the connection busy).
    await res.text().catch(() => undefined);
    throw new HttpError(res.status, url);
  }
  const json: unknown = await res.json();
  return parse(json);
}

/** URL path segment for a table key (keys contain dots and may contain anything else). */
export function tableSegment(table: string): string {
  return encodeURIComponent(table);
}

export function tableHref(table: string): string {
  return `/tables/${tableSegment(table)}`;
}
