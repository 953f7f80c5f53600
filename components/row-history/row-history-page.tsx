'use client';

import Link from 'next/link';
import { useEffect, useMemo, useRef } from 'react';
import { firstDivergence } from '@/lib/row-history/divergence';
import { historyGraceMs, judgeHistories, type HistoryVerdict } from '@/lib/row-history/history-grace';
import { orderHistory } from '@/lib/row-history/history-order';
import { pairTables } from '@/lib/row-history/pair-tables';
import { formatInteger } from '../format';
import { tableHref } from '../realtime/fetch-json';
import { useQuery } from '@tanstack/react-query';
import { replicaPairSummarySchema } from '@/lib/contracts/replicas';
import { fetchJson } from '../realtime/fetch-json';
import { replicaPairPath } from '../realtime/use-replicas';
import { HistoryTimeline } from './history-timeline';
import { useRowHistory, type RowHistoryState } from './use-row-history';

const DONE: Record<string, string> = {
  limit: 'stopped at the result limit (seek.maxResults)',
  'scan-limit': 'stopped at the scan limit (older messages were left unread)',
  'time-limit': 'stopped at the time limit',
  end: 'read to the end',
  cancelled: 'cancelled',
};

/** Where one side's history was read, how far it got, and how it ended. */
function HistoryStatus({ state, onCancel, testId }: { state: RowHistoryState; onCancel: () => void; testId: string }) {
  return (
    <div className="panel" data-testid={testId} data-status={state.status} aria-live="polite">
      <ul className="history-scopes">
        {state.scopes.map((s, i) => (
          <li key={i} className="muted">
            <strong>{s.phase}</strong>
            {s.channel !== null && <span className="mono"> {s.channel}</span>}
            {s.partitions !== null && <span> · partition {s.partitions}</span>}: {s.note}
          </li>
        ))}
      </ul>
      <span className="muted">
        {formatInteger(state.entries.length)} changes · {formatInteger(state.progress?.scanned ?? 0)} broker messages
        read
        {state.progress?.position != null && <span className="mono"> · at {state.progress.position}</span>}
      </span>{' '}
      {state.status === 'running' && (
        <button type="button" className="btn btn-small" onClick={onCancel} data-testid={`${testId}-cancel`}>
          Cancel
        </button>
      )}
      {state.done && (
        <span className="muted" data-testid={`${testId}-done`} data-reason={state.done.reason}>
          {DONE[state.done.reason]}
        </span>
      )}
      {state.error && (
        <p className="notice notice-error" role="alert">
          {state.error}
        </p>
      )}
    </div>
  );
}

function divergenceText(v: HistoryVerdict, graceMs: number, nameA: string, nameB: string): string {
  if (v.state === 'same') return 'Both sides show the same changes.';
  const d = v.divergence;
  const agreed = `${d.agreed} change${d.agreed === 1 ? '' : 's'} agree first`;
  if (v.state === 'waiting') {
    const [ahead, behind] = v.behind === 'b' ? [nameA, nameB] : [nameB, nameA];
    return `${agreed}; then ${ahead} shows a change ${behind} may not have yet (within the ${Math.round(graceMs / 1000)} s grace for a side that is behind): not called a difference; both are read again once after the grace, or reload.`;
  }
  if (d.reason === 'only-in-a') return `${agreed}; then a change only ${nameA} shows.`;
  if (d.reason === 'only-in-b') return `${agreed}; then a change only ${nameB} shows.`;
  return `${agreed}; then the two sides show different changes (marked).`;
}

/**
 * Every change of one row, newest first (`/tables/:table/rows/:key`), read
 * from the buffer and then the broker; with `?pair=`, both replicas side by
 * side and the first point where they part.
 */
export function RowHistoryPage({ tableKey, rowKey, pair }: { tableKey: string; rowKey: string; pair?: string }) {
  // The pair's sides, once (a history is a snapshot, not a live view).
  const summary = useQuery({
    queryKey: ['row-history-pair', pair],
    queryFn: ({ signal }) =>
      fetchJson(`/api/replicas/${replicaPairPath(pair ?? '')}`, replicaPairSummarySchema, signal),
    enabled: pair !== undefined,
    staleTime: Infinity,
  });
  const sides = summary.data?.sides;
  const tables = pair ? pairTables(tableKey, sides?.a.selector.serverName, sides?.b.selector.serverName) : undefined;
  const a = useRowHistory(tables?.a ?? tableKey, rowKey);
  const b = useRowHistory(tables?.b ?? tableKey, rowKey);
  const paired = tables !== undefined;
  const startA = a.start;
  const startB = b.start;
  // Pair view: wait for the pair's sides; otherwise start at once.
  const ready = pair === undefined || summary.data !== undefined || summary.isError;
  useEffect(() => {
    if (!ready) return;
    void startA();
    if (paired) void startB();
  }, [ready, paired, startA, startB]);

  const orderedA = useMemo(() => orderHistory(a.state.entries), [a.state.entries]);
  const orderedB = useMemo(() => orderHistory(b.state.entries), [b.state.entries]);
  const settled = a.state.status !== 'running' && (!paired || b.state.status !== 'running');
  const divergence = useMemo(
    () => (paired && settled ? firstDivergence(orderedA, orderedB) : null),
    [paired, settled, orderedA, orderedB],
  );
  // A change one side shows and the other not yet is not "only in" it until the grace has passed (history-grace.ts).
  const graceMs = historyGraceMs(summary.data?.delay, summary.data?.limits.graceMs);
  const verdict = judgeHistories(divergence, { a: a.state.startedAt, b: b.state.startedAt }, graceMs);
  const waitUntil = verdict.state === 'waiting' ? verdict.until : null;
  const reread = useRef(false);
  useEffect(() => {
    if (waitUntil === null || reread.current) return;
    // Once, when the grace has passed, both sides are read again and the change judged for good. Only once:
    // a row changed every few seconds always has a newest change one side may not have yet.
    const timer = setTimeout(
      () => {
        reread.current = true;
        void startA();
        void startB();
      },
      Math.max(0, waitUntil - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [waitUntil, startA, startB]);
  const marked = verdict.state === 'diverged' ? verdict.divergence : null;
  const nameA = sides?.a.selector.label ?? sides?.a.selector.serverName ?? 'A';
  const nameB = sides?.b.selector.label ?? sides?.b.selector.serverName ?? 'B';
  const everyPartition = () => {
    const q = new URLSearchParams({ broker: 'all' });
    void startA(q);
    if (paired) void startB(q);
  };

  return (
    <>
      <div className="title-row">
        <h1>
          Row history <span className="mono">{rowKey}</span>
        </h1>
        <span className="muted">
          of <Link href={tableHref(tableKey)}>{tableKey}</Link>, newest first: the server&apos;s buffer, then the
          broker; masked
        </span>
        <button type="button" className="btn btn-small" onClick={everyPartition} data-testid="history-all-partitions">
          Read every partition
        </button>
      </div>
      {pair !== undefined && !paired && summary.data !== undefined && (
        <p className="notice notice-warn">
          Table {tableKey} is on neither side of replica pair {pair}: showing this table only.
        </p>
      )}
      {paired && settled && (
        <p
          className={`notice${marked ? ' notice-warn' : ''}`}
          data-testid="history-divergence-summary"
          data-diverged={marked ? 'true' : verdict.state === 'waiting' ? 'waiting' : 'false'}
          data-reason={verdict.state === 'same' ? undefined : verdict.divergence.reason}
          data-agreed={verdict.state === 'same' ? undefined : verdict.divergence.agreed}
        >
          {divergenceText(verdict, graceMs, nameA, nameB)}
        </p>
      )}
      <div className={paired ? 'history-pair' : undefined}>
        <section aria-label={paired ? `${nameA}: ${tables.a}` : tableKey}>
          {paired && <h2 className="mono">{tables.a}</h2>}
          <HistoryStatus state={a.state} onCancel={a.cancel} testId="history-status-a" />
          <HistoryTimeline entries={orderedA} divergentId={marked?.a ?? null} testId="history-a" />
        </section>
        {paired && (
          <section aria-label={`${nameB}: ${tables.b}`}>
            <h2 className="mono">{tables.b}</h2>
            <HistoryStatus state={b.state} onCancel={b.cancel} testId="history-status-b" />
            <HistoryTimeline entries={orderedB} divergentId={marked?.b ?? null} testId="history-b" />
          </section>
        )}
      </div>
    </>
  );
}
