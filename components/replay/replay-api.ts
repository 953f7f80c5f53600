import type { ReplayOutcome, ReplayPreview, SinkList } from '@/lib/replay/contract';
import { redirectToLoginOn401 } from '../realtime/fetch-json';

/** The replay endpoints as the page calls them; errors carry the server's message. */

export class ReplayHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ReplayHttpError';
  }
}

export interface ReplayBody {
  replayId: string;
  eventId: string;
  sinkId: string;
  payload?: string;
  unmasked: boolean;
}

async function readError(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as { error?: unknown } | null;
  return typeof body?.error === 'string' ? body.error : `HTTP ${res.status}`;
}

export function isSinkList(j: unknown): j is SinkList {
  const o = j as Partial<SinkList> | null;
  return !!o && Array.isArray(o.sinks) && typeof o.canReplay === 'boolean' && typeof o.canUnmask === 'boolean';
}

export async function fetchSinks(signal?: AbortSignal): Promise<SinkList> {
  const res = await fetch('/api/sinks', { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    redirectToLoginOn401(res.status);
    throw new ReplayHttpError(res.status, await readError(res));
  }
  const json: unknown = await res.json();
  if (!isSinkList(json)) throw new Error('unexpected /api/sinks shape');
  return json;
}

async function post<T>(url: string, body: ReplayBody, csrfToken: string | undefined): Promise<{ status: number; body: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  redirectToLoginOn401(res.status);
  // 502: the sink refused; the body is still the replay's outcome.
  if (!res.ok && res.status !== 502) throw new ReplayHttpError(res.status, await readError(res));
  return { status: res.status, body: (await res.json()) as T };
}

export const previewReplay = (body: ReplayBody, csrf?: string) => post<ReplayPreview>('/api/replay/preview', body, csrf).then((r) => r.body);
export const sendReplay = (body: ReplayBody, csrf?: string) => post<ReplayOutcome>('/api/replay', body, csrf).then((r) => r.body);
