'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { parseHistoryLine, type HistoryEntry, type HistoryLine, type HistoryScope } from '@/lib/contracts/row-history';
import { errorMessage } from '@/lib/error-message';
import { rowHistoryApiPath } from '@/lib/row-history/row-key';
import { cancelledDone, fetchNdjson } from '../realtime/fetch-ndjson';
import { FLUSH_MS } from '../seek/use-seek';

type Progress = Extract<HistoryLine, { type: 'progress' }>;
type Done = Extract<HistoryLine, { type: 'done' }>;

export interface RowHistoryState {
  status: 'idle' | 'running' | 'done' | 'error';
  entries: HistoryEntry[];
  scopes: HistoryScope[];
  progress: Progress | null;
  done: Done | null;
  error: string | null;
  /** When this read began: it sees the broker up to its end as of then (the pair's grace is judged on it). */
  startedAt: number | null;
}

/** Entries kept at most (the server's `seek.maxResults` is at most 10,000). */
export const ENTRY_CAP = 10_000;

const IDLE: RowHistoryState = {
  status: 'idle',
  entries: [],
  scopes: [],
  progress: null,
  done: null,
  error: null,
  startedAt: null,
};

/**
 * Streams one row's history (`GET /api/tables/:table/rows/:key/history`) as
 * the seek page streams a seek: lines buffered in a ref, flushed to state
 * every FLUSH_MS; `cancel` (or unmounting, or a new start) aborts the fetch,
 * which stops the server's broker read.
 */
export function useRowHistory(tableKey: string, key: string) {
  const [state, setState] = useState<RowHistoryState>(IDLE);
  const controller = useRef<AbortController | null>(null);
  const pending = useRef<HistoryLine[]>([]);

  const flush = useCallback(() => {
    const lines = pending.current;
    if (lines.length === 0) return;
    pending.current = [];
    setState((s) => {
      const next = { ...s, entries: [...s.entries], scopes: [...s.scopes] };
      for (const line of lines) {
        if (line.type === 'entry' && next.entries.length < ENTRY_CAP) next.entries.push(line.entry);
        else if (line.type === 'scope') next.scopes.push(line.scope);
        else if (line.type === 'progress') next.progress = line;
        else if (line.type === 'done') Object.assign(next, { status: 'done', done: line });
        else if (line.type === 'error') Object.assign(next, { status: 'error', error: line.error });
      }
      return next;
    });
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);

  const start = useCallback(
    async (query: URLSearchParams = new URLSearchParams()) => {
      controller.current?.abort();
      const ac = new AbortController();
      controller.current = ac;
      pending.current = [];
      setState({ ...IDLE, status: 'running', startedAt: Date.now() });
      const timer = setInterval(flush, FLUSH_MS);
      try {
        const refused = await fetchNdjson(`${rowHistoryApiPath(tableKey, key)}?${query}`, {
          signal: ac.signal,
          parse: parseHistoryLine,
          onLine: (line) => pending.current.push(line),
        });
        if (refused !== null) {
          setState((s) => ({ ...s, status: 'error', error: refused }));
          return;
        }
        flush();
        setState((s) =>
          s.status === 'running'
            ? { ...s, status: 'error', error: 'the server ended the history without saying why' }
            : s,
        );
      } catch (err) {
        flush();
        if (ac.signal.aborted)
          setState((s) => ({ ...s, status: 'done', done: cancelledDone(s.progress, s.entries.length) }));
        else setState((s) => ({ ...s, status: 'error', error: errorMessage(err) }));
      } finally {
        clearInterval(timer);
        if (controller.current === ac) controller.current = null;
      }
    },
    [flush, tableKey, key],
  );

  useEffect(() => () => controller.current?.abort(), []);
  return { state, start, cancel };
}
