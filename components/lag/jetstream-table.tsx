'use client';

import { memo, useMemo } from 'react';
import type { ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import { formatInteger } from '../format';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { formatTimeLag, partitionTone, ruleText, sortJetStream, timeLagSourceText } from './lag-status';
import { StatusBadge } from './status-badge';

type Consumer = ConsumerLagSnapshot['jetstream'][number];

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'Stream', width: 140 },
  { label: 'Consumer', width: 180 },
  { label: 'Source', width: 110 },
  { label: 'Status', width: 90 },
  { label: 'Pending', width: 90, num: true, title: 'Not yet delivered (num_pending)' },
  { label: 'Ack pending', width: 118, num: true, title: 'Delivered, not acknowledged (num_ack_pending)' },
  { label: 'Redelivered', width: 118, num: true },
  {
    label: 'Ack floor',
    width: 150,
    num: true,
    title: 'Ack floor sequence / delivered sequence / last stream sequence',
  },
  { label: 'Time lag', width: 100, num: true },
  { label: 'Notes', width: 220 },
];

const ConsumerRow = memo(function ConsumerRow({ c }: { c: Consumer }) {
  return (
    <tr
      className={`row row-tone-${partitionTone(c.status)}`}
      data-testid="lag-jetstream-row"
      data-stream={c.stream}
      data-consumer={c.consumer}
      data-source={c.sourceId}
      data-status={c.status}
    >
      <td className="mono" title={c.stream}>
        {c.stream}
      </td>
      <td className="mono" title={c.consumer}>
        {c.consumer}
      </td>
      <td className="mono muted" title={c.sourceId}>
        {c.sourceId}
      </td>
      <td title={ruleText(c.rule)}>
        <StatusBadge status={c.status} tone={partitionTone(c.status)} testId="lag-jetstream-status" />
      </td>
      <td className="num" data-value={c.pending}>
        {formatInteger(c.pending)}
      </td>
      <td className="num" data-value={c.ackPending}>
        {formatInteger(c.ackPending)}
      </td>
      <td className="num">
        {c.redelivered > 0 ? (
          <span className="warn-text">{formatInteger(c.redelivered)}</span>
        ) : (
          formatInteger(c.redelivered)
        )}
      </td>
      <td
        className="num mono"
        title={`ack floor ${c.ackFloorSeq} · delivered ${c.deliveredSeq} · last ${c.lastSeq ?? '—'}`}
      >
        {formatInteger(c.ackFloorSeq)}
        <span className="muted">
          {' '}
          / {formatInteger(c.deliveredSeq)} / {formatInteger(c.lastSeq)}
        </span>
      </td>
      <td className="num" title={c.timeLag ? timeLagSourceText(c.timeLag.source) : undefined}>
        {formatTimeLag(c.timeLag)}
      </td>
      <td className="notes-cell" title={[ruleText(c.rule), ...c.notes].join('\n')}>
        {c.notes.length > 0 ? c.notes.join(' · ') : <span className="muted">{ruleText(c.rule)}</span>}
      </td>
    </tr>
  );
});

/** JetStream durable consumers, worst first. */
export function JetStreamTable({ consumers }: { consumers: ConsumerLagSnapshot['jetstream'] }) {
  const rows = useMemo(() => sortJetStream(consumers), [consumers]);
  const notOk = rows.filter((c) => c.status !== 'OK').length;
  return (
    <section className="panel" aria-labelledby="jetstream-heading" data-testid="lag-jetstream">
      <div className="panel-head">
        <h2 id="jetstream-heading">JetStream consumers</h2>
        <span className="muted">
          {rows.length === 0 ? 'none watched' : `${rows.length} watched${notOk > 0 ? ` · ${notOk} not OK` : ''}`} ·
          durable consumers, read without acknowledging
        </span>
      </div>
      {rows.length === 0 ? (
        <p className="notice" data-testid="lag-jetstream-empty">
          No JetStream consumers are being watched. To watch the durable consumers of a JetStream source’s stream, add{' '}
          <code>lag:</code> to that source in the configuration (optionally <code>consumers:</code> to pick some);
          cdcscope only reads their state.
        </p>
      ) : (
        // Focusable, so a keyboard can scroll a table wider than the screen (it has no link to land on).
        <div className="events-scroll" tabIndex={0} role="region" aria-label="JetStream consumers, scrollable">
          <table className="data-table lag-table" data-testid="lag-jetstream-table">
            <TableColumns columns={COLUMNS} />
            <tbody>
              {rows.map((c) => (
                <ConsumerRow key={c.id} c={c} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
