import { apiErrorReason } from '@/lib/contracts/api-error';
import type { SeekDoneLine, SeekProgressLine } from '@/lib/contracts/seek';
import { readNdjsonLines } from '@/lib/seek/ndjson-lines';
import { redirectToLoginOn401 } from './fetch-json';

export interface FetchNdjsonOptions<L> {
  /** Aborting it stops the read, which is how the server learns to stop. */
  signal: AbortSignal;
  /** One line's text → the checked line, or undefined to skip a line this API does not write. */
  parse: (text: string) => L | undefined;
  /** Each checked line, in order, as it arrives (the caller buffers; state is set elsewhere). */
  onLine: (line: L) => void;
}

/**
 * GETs a streamed NDJSON answer (a seek, a row's history) and passes its
 * lines on until the server ends the answer. Resolves to null then, or to
 * the reason when the server refused to answer (the API's `{ error }`, else
 * `HTTP <status>` for a body that is not JSON, such as a proxy's page). A 401
 * sends the page to the login. Rejects on a network failure or an abort.
 */
export async function fetchNdjson<L>(url: string, opts: FetchNdjsonOptions<L>): Promise<string | null> {
  const res = await fetch(url, {
    signal: opts.signal,
    cache: 'no-store',
    headers: { accept: 'application/x-ndjson' },
  });
  if (!res.ok || !res.body) {
    redirectToLoginOn401(res.status);
    const body: unknown = await res.json().catch(() => undefined);
    return apiErrorReason(body) ?? `HTTP ${res.status}`;
  }
  await readNdjsonLines(res.body, (text) => {
    const line = opts.parse(text);
    if (line) opts.onLine(line);
  });
  return null;
}

/** The `done` a cancelled stream never received: the counts as far as the last progress line and the lines kept. */
export function cancelledDone(progress: SeekProgressLine | null, matched: number): SeekDoneLine {
  return {
    type: 'done',
    reason: 'cancelled',
    scanned: progress?.scanned ?? 0,
    matched,
    elapsedMs: progress?.elapsedMs ?? 0,
  };
}
