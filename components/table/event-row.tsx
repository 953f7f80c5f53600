import Link from 'next/link';
import { memo } from 'react';
import { eventHref } from '../inspector/inspector-query';
import type { EventListItem } from '@/lib/contracts/event-view';
import { formatBytes, formatClockMs, formatDuration } from '../format';
import { EventKindBadge } from '../ui/event-kind-badge';

/**
 * One recent event. Everything is rendered as text: keys, field names and
 * reasons come from production rows and may contain markup.
 */
export const EventRow = memo(function EventRow({ e }: { e: EventListItem }) {
  const bad = e.kind === 'undecodable';
  const changed = e.changedFields?.join(', ') ?? '';
  return (
    <tr className={bad ? 'undecodable' : undefined} data-testid="event-row" data-event-id={e.id} data-kind={e.kind} data-op={e.op}>
      <td>
        <EventKindBadge e={e} />
      </td>
      {bad ? (
        <td colSpan={2} className="reason" data-testid="event-reason" title={e.reason}>
          {e.reason ?? 'undecodable'}
        </td>
      ) : e.kind !== 'change' && e.kind !== 'tombstone' ? (
        <td colSpan={2} className="muted" title={e.summary}>
          {e.summary ?? e.kind}
        </td>
      ) : (
        <>
          <td className="mono" title={e.key}>
            {e.key ?? <span className="muted">—</span>}
          </td>
          <td className="mono" title={changed}>
            {changed || <span className="muted">—</span>}
          </td>
        </>
      )}
      <td className="mono" title={e.logPosition ? `${e.logPosition}\n${e.channel} ${e.position}` : `${e.channel} ${e.position}`}>
        {e.logPosition ?? e.position}
      </td>
      <td className="mono" title={e.txId}>
        {e.txId ?? <span className="muted">—</span>}
      </td>
      <td className="num">{formatDuration(e.lagMs)}</td>
      <td className="num">{formatBytes(e.sizeBytes)}</td>
      <td className="num mono" title={e.sourceId}>
        <Link href={eventHref(e.id)} title="open in the inspector" data-testid="event-link">
          {formatClockMs(e.receivedAt)}
        </Link>
      </td>
    </tr>
  );
});
