'use client';

import Link from 'next/link';
import { memo } from 'react';
import type { AuditEntryView as AuditEntry } from '@/lib/contracts/audit';
import { Age } from '../age';
import { formatBytes } from '../format';
import { eventHref } from '../inspector/inspector-query';
import { StatusBadge } from '../lag/status-badge';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { actionText, actorText, actorTitle, formatDateTime, sinkText, statusText, statusTone } from './audit-format';
import { PayloadHash } from './payload-hash';

/** Why an unmasked send's hash and size are not shown (issue #17.2). */
const WITHHELD = 'Withheld: the unmasked original was sent, and its hash or size would reveal masked values';

/** 1,330 px in all: the table fits a 1,440 px window (page and panel padding included); When and Event wrap. */
const COLUMNS: readonly ColumnSpec[] = [
  { label: 'When', width: 150 },
  { label: 'Who', width: 100 },
  // The outcome comes before the details: it is what a reader of the log looks for first.
  { label: 'Result', width: 240 },
  {
    label: 'Event',
    width: 250,
    title: 'The replayed event; opens it in the inspector (read again from its broker once it left the buffer)',
  },
  { label: 'Position', width: 100, title: 'Where the event was read: partition@offset or #stream sequence' },
  { label: 'Sink', width: 170 },
  { label: 'Payload', width: 140, title: 'SHA-256 of the bytes sent (the log keeps the hash, never the payload)' },
  { label: 'Bytes', width: 70, num: true },
  { label: 'Flags', width: 110 },
];

const AuditRow = memo(function AuditRow({ e }: { e: AuditEntry }) {
  const outcome = statusText(e);
  return (
    <tr
      className={`row row-tone-${statusTone(e.status)}`}
      data-testid="audit-row"
      data-replay-id={e.replayId}
      data-status={e.status}
    >
      <td className="wrap-cell" title={`replay ${e.replayId}`}>
        <time dateTime={new Date(e.startedAt).toISOString()}>{formatDateTime(e.startedAt)}</time>{' '}
        <span className="muted">
          <Age at={e.startedAt} />
        </span>
      </td>
      <td title={actorTitle(e.actor)}>{actorText(e.actor)}</td>
      <td className="notes-cell" title={outcome}>
        <StatusBadge status={e.status} tone={statusTone(e.status)} testId="audit-status" />{' '}
        <span
          className={e.status === 'failed' ? 'source-error' : e.status === 'unknown' ? 'warn-text' : 'mono'}
          data-testid="audit-result"
        >
          {outcome}
        </span>
      </td>
      <td className="mono wrap-cell" title={e.event.tableKey ? `${e.event.id}\ntable ${e.event.tableKey}` : e.event.id}>
        {e.action ? (
          // A connector action (issue #13 §4): no event to open, the connector's page instead.
          <Link href="/connectors" data-testid="audit-action">
            {actionText(e.action)}
          </Link>
        ) : (
          <Link href={eventHref(e.event.id)} data-testid="audit-event-link">
            {e.event.id}
          </Link>
        )}
      </td>
      <td className="mono" title={`${e.event.channel} ${e.event.position}`}>
        {e.event.position}
      </td>
      <td className="mono" title={`sink ${e.sink.id}: ${sinkText(e.sink)}`}>
        {sinkText(e.sink)}
      </td>
      <td>
        {e.payloadSha256 === null ? (
          <span className="muted" title={WITHHELD}>
            withheld
          </span>
        ) : (
          <PayloadHash hex={e.payloadSha256} />
        )}
      </td>
      <td className="num" title={e.payloadBytes === null ? WITHHELD : `${e.payloadBytes} bytes`}>
        {e.payloadBytes === null ? '–' : formatBytes(e.payloadBytes)}
      </td>
      <td>
        {e.edited && (
          <span
            className="badge badge-tone-warn"
            title="The operator changed the payload before sending"
            data-testid="audit-edited"
          >
            edited
          </span>
        )}{' '}
        {e.unmasked && (
          <span className="badge badge-tone-err" title="The unmasked original was sent" data-testid="audit-unmasked">
            unmasked
          </span>
        )}
        {!e.edited && !e.unmasked && <span className="muted">as captured</span>}
      </td>
    </tr>
  );
});

/** Replays, newest first. */
export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <div className="events-scroll">
      <table className="data-table lag-table" data-testid="audit-table">
        <TableColumns columns={COLUMNS} />
        <tbody>
          {entries.map((e) => (
            <AuditRow key={e.replayId} e={e} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
