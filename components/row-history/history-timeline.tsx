'use client';

import Link from 'next/link';
import type { OrderedEntry, Continuity } from '@/lib/row-history/history-order';
import { eventHref } from '../inspector/inspector-query';
import { FieldDiffTable } from '../diff/field-diff-table';
import { OpBadge } from '../replicas/op-badge';

const CONTINUITY: Record<Continuity, { label: string; title: string; tone: string }> = {
  first: { label: 'oldest read', title: 'the oldest change read of this row', tone: 'idle' },
  ok: { label: 'follows', title: 'its before image is the previous change’s after image', tone: 'ok' },
  gap: {
    label: 'gap before',
    title: 'its before image is not the previous after image: a change in between is missing',
    tone: 'err',
  },
  duplicate: { label: 'duplicate', title: 'the same change again (at-least-once redelivery)', tone: 'warn' },
  unknown: {
    label: 'partial before',
    title: 'its before image is partial or absent: the chain cannot be checked',
    tone: 'idle',
  },
};

/** A row's changes, newest first: op, changed fields, broker and log position, transaction, times; the divergence marked. */
export function HistoryTimeline({
  entries,
  divergentId,
  testId,
}: {
  entries: readonly OrderedEntry[];
  divergentId?: string | null;
  testId: string;
}) {
  if (entries.length === 0)
    return (
      <p className="notice" data-testid={`${testId}-empty`}>
        No change of this row found (yet).
      </p>
    );
  return (
    <ol className="history-timeline" data-testid={testId}>
      {entries.map((e) => {
        const c = CONTINUITY[e.continuity];
        const divergent = e.id === divergentId;
        return (
          <li
            key={e.id}
            className={`panel history-entry${divergent ? ' history-divergent' : ''}`}
            data-testid="history-entry"
            data-op={e.op}
            data-continuity={e.continuity}
            data-divergent={divergent ? 'true' : undefined}
          >
            <div className="history-head">
              <OpBadge op={e.op} />
              <span className={`badge badge-tone-${c.tone}`} title={c.title}>
                {c.label}
              </span>
              {divergent && (
                <span className="badge badge-tone-err" data-testid="history-divergence">
                  first divergence
                </span>
              )}
              <Link href={eventHref(e.id)} className="mono" title="This event's detail">
                {e.position}
              </Link>
              <span className="muted" title={new Date(e.receivedAt).toISOString()}>
                {new Date(e.commitTs ?? e.receivedAt).toLocaleString()}
              </span>
              <span className="muted">{e.from === 'buffer' ? 'buffer' : 'broker'}</span>
            </div>
            <dl className="kv kv-inline">
              {e.txId !== undefined && (
                <div>
                  <dt>transaction</dt>
                  <dd className="mono">{e.txId}</dd>
                </div>
              )}
              {e.logPosition !== undefined && e.logPosition !== e.txId && (
                <div>
                  <dt>log position</dt>
                  <dd className="mono">{e.logPosition}</dd>
                </div>
              )}
              <div>
                <dt>channel</dt>
                <dd className="mono">{e.channel}</dd>
              </div>
            </dl>
            {e.changes.length > 0 ? (
              <FieldDiffTable diff={e.changes} omitted={e.omitted} />
            ) : (
              <p className="muted">{e.op === 'u' ? 'no field changed' : 'no row image to show'}</p>
            )}
          </li>
        );
      })}
    </ol>
  );
}
