'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { parseSeekLine, type SeekLine } from '@/lib/contracts/seek';
import { cancelledDone, fetchNdjson } from '../realtime/fetch-ndjson';
import { RESULT_CAP } from './seek-query';
import { errorMessage } from '@/lib/error-message';

export type SeekEvent = Extract<SeekLine, { type: 'event' }>;
export type SeekProgress = Extract<SeekLine, { type: 'progress' }>;
export type SeekDone = Extract<SeekLine, { type: 'done' }>;

export interface SeekState {
  status: 'idle' | 'running' | 'done' | 'error';
  progress: SeekProgress | null;
  done: SeekDone | null;
  error: string | null;
  results: SeekEvent[];
  /** Events received past RESULT_CAP (not kept). */
  dropped: number;
}

/** Lines received since the last flush: events in order, the latest progress, and the final line. */
interface Pending {
  events: SeekEvent[];
  progress: SeekProgress | null;
  last: SeekDone | Extract<SeekLine, { type: 'error' }> | null;
}

const IDLE: SeekState = { status: 'idle', progress: null, done: null, error: null, results: [], dropped: 0 };

/** Results reach React state at most this often, however fast lines arrive (a ref buffer in between). */
export const FLUSH_MS = 200;

/**
 * Runs one seek at a time: streams `GET /api/seek`, buffers lines in a ref
 * and flushes them to state every FLUSH_MS. `cancel` aborts the fetch, which
 * is how the server learns to stop; unmounting cancels too.
 */
export function useSeek() {
  const [state, setState] = useState<SeekState>(IDLE);
  const controller = useRef<AbortController | null>(null);
  const pending = useRef<Pending>({ events: [], progress: null, last: null });

  const flush = useCallback(() => {
    const { events, progress, last } = pending.current;
    if (events.length === 0 && progress === null && last === null) return;
    pending.current = { events: [], progress: null, last: null };
    setState((s) => {
      const room = Math.max(0, RESULT_CAP - s.results.length);
      const next: SeekState = {
        ...s,
        results: room > 0 && events.length > 0 ? [...s.results, ...events.slice(0, room)] : s.results,
        dropped: s.dropped + Math.max(0, events.length - room),
      };
      if (progress) next.progress = progress;
      if (last?.type === 'done') return { ...next, status: 'done', done: last };
      if (last?.type === 'error') return { ...next, status: 'error', error: last.error };
      return next;
    });
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const start = useCallback(
    async (params: URLSearchParams) => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      pending.current = { events: [], progress: null, last: null };
      setState({ ...IDLE, status: 'running' });
      const timer = setInterval(flush, FLUSH_MS);
      try {
        const refused = await fetchNdjson(`/api/seek?${params}`, {
          signal: ac.signal,
          parse: parseSeekLine,
          onLine: (line) => {
            if (line.type === 'event') pending.current.events.push(line);
            // Only the latest progress matters; the server sends one just before `done`.
            else if (line.type === 'progress') pending.current.progress = line;
            else pending.current.last = line;
          },
        });
        if (refused !== null) {
          setState((s) => ({ ...s, status: 'error', error: refused }));
          return;
        }
        flush();
        setState((s) =>
          s.status === 'running' ? { ...s, status: 'error', error: 'the server ended the seek without saying why' } : s,
        );
      } catch (err) {
        flush();
        if (ac.signal.aborted)
          setState((s) => ({ ...s, status: 'done', done: cancelledDone(s.progress, s.results.length) }));
        else setState((s) => ({ ...s, status: 'error', error: errorMessage(err) }));
      } finally {
        clearInterval(timer);
        if (controller.current === ac) controller.current = null;
      }
    },
    [flush],
  );

  useEffect(() => () => controller.current?.abort(), []);
  return { state, start, cancel };
}
