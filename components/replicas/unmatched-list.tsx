'use client';

import Link from 'next/link';
import { memo } from 'react';
import type { ReplicaSide, ReplicaSideInfo, UnmatchedEvent } from '@/lib/contracts/replicas';
import { formatClockMs, formatDuration } from '../format';
import { tableHref } from '../realtime/fetch-json';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { OpBadge } from './op-badge';
import { pairHistoryHref, replicaKeyText, sideTableKey, unmatchedEventHref } from './replica-format';

const STATE_TEXT: Record<UnmatchedEvent['state'], string> = {
  overdue: 'past the grace period: may still match',
  lost: 'given up: counted as lost',
  evicted: 'dropped by the pending limit: fate unknown, not counted as loss',
};

const STATE_TONE: Record<UnmatchedEvent['state'], string> = { overdue: 'warn', lost: 'err', evicted: 'idle' };

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'State', width: 90 },
  { label: 'Age', width: 90, num: true },
  { label: 'Table', width: 220 },
  { label: 'Op', width: 50 },
  { label: 'Key', width: 220 },
  { label: 'Position', width: 120 },
  { label: 'Received', width: 110, num: true },
];

const UnmatchedRow = memo(function UnmatchedRow({
  e,
  info,
  pairId,
}: {
  e: UnmatchedEvent;
  info: ReplicaSideInfo | undefined;
  pairId: string | undefined;
}) {
  const key = sideTableKey(info, e.table);
  const history = pairId === undefined ? null : pairHistoryHref(info, e.table, e.key, pairId);
  return (
    <tr data-testid="unmatched-row" data-side={e.side} data-state={e.state} data-table={e.table}>
      <td>
        <span className={`badge badge-tone-${STATE_TONE[e.state]}`} title={STATE_TEXT[e.state]}>
          {e.state}
        </span>
      </td>
      <td className="num">{formatDuration(e.ageMs)}</td>
      <td className="mono" title={key ?? e.table}>
        {key ? (
          <Link href={tableHref(key)} prefetch={false}>
            {e.table}
          </Link>
        ) : (
          e.table
        )}
      </td>
      <td>
        <OpBadge op={e.op} />
      </td>
      <td className="mono" title={e.key}>
        {history ? (
          <Link
            href={history}
            prefetch={false}
            data-testid="replica-row-history"
            title="Both sides' history of this row"
          >
            {replicaKeyText(e.key)}
          </Link>
        ) : (
          replicaKeyText(e.key) || <span className="muted">—</span>
        )}
      </td>
      <td className="mono" title={`${e.id}\nopen the events of this key in the inspector (to read or replay them)`}>
        <Link href={unmatchedEventHref(key, e.op, e.key)} prefetch={false} data-testid="unmatched-event-link">
          {e.position}
        </Link>
      </td>
      <td className="num mono">{formatClockMs(e.receivedAt)}</td>
    </tr>
  );
});

/** Events seen on one side only, newest first (the tracker keeps the most recent few). */
export function UnmatchedList({
  side,
  events,
  info,
  otherName,
  testId,
  pairId,
}: {
  side: ReplicaSide;
  events: readonly UnmatchedEvent[];
  info: ReplicaSideInfo | undefined;
  otherName: string;
  testId?: string;
  /** Links each key to the pair's side-by-side row history. */
  pairId?: string;
}) {
  const headingId = `only-in-${side}`;
  return (
    <section className="panel" aria-labelledby={headingId} data-testid={testId}>
      <div className="panel-head">
        <h2 id={headingId}>Only in {side.toUpperCase()}</h2>
        <span className="muted">
          {events.length === 0 ? 'none' : `${events.length} most recent`} · no copy on {otherName} after the grace
          period
        </span>
      </div>
      {events.length === 0 ? (
        <p className="notice">Every event of this side past the grace period has its copy on {otherName}.</p>
      ) : (
        <div className="events-scroll">
          <table className="data-table replica-list" data-side={side}>
            <TableColumns columns={COLUMNS} />
            <tbody>
              {events.map((e) => (
                <UnmatchedRow key={e.id} e={e} info={info} pairId={pairId} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
