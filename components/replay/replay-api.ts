import type { z } from 'zod';
import { apiErrorReason } from '@/lib/contracts/api-error';
import {
  replayOutcomeSchema,
  replayPreviewSchema,
  sinkListSchema,
  type ReplayRequestBody,
  type SinkList,
} from '@/lib/contracts/replay';
import { parseAnswer, redirectToLoginOn401 } from '../realtime/fetch-json';

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

async function readError(res: Response): Promise<string> {
  const body: unknown = await res.json().catch(() => null);
  return apiErrorReason(body) ?? `HTTP ${res.status}`;
}

export async function fetchSinks(signal?: AbortSignal): Promise<SinkList> {
  const res = await fetch('/api/sinks', { signal, headers: { accept: 'application/json' }, cache: 'no-store' });
  if (!res.ok) {
    redirectToLoginOn401(res.status);
    throw new ReplayHttpError(res.status, await readError(res));
  }
  return parseAnswer(sinkListSchema, await res.json(), '/api/sinks');
}

async function post<S extends z.ZodType>(
  url: string,
  schema: S,
  body: ReplayRequestBody,
  csrfToken: string | undefined,
): Promise<z.output<S>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    },
    body: JSON.stringify(body),
    cache: 'no-store',
  });
  redirectToLoginOn401(res.status);
  // 502: the sink refused; the body is still the replay's outcome.
  if (!res.ok && res.status !== 502) throw new ReplayHttpError(res.status, await readError(res));
  return parseAnswer(schema, await res.json(), url);
}

export const previewReplay = (body: ReplayRequestBody, csrf?: string) =>
  post('/api/replay/preview', replayPreviewSchema, body, csrf);
export const sendReplay = (body: ReplayRequestBody, csrf?: string) =>
  post('/api/replay', replayOutcomeSchema, body, csrf);
