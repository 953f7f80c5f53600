import Link from 'next/link';
import { memo } from 'react';
import { eventHref } from '../inspector/inspector-query';
import type { EventListItem } from '@/lib/contracts/event-view';
import { formatClockMs } from '../format';
import { EventCells } from '../ui/event-cells';
import { EventKindBadge } from '../ui/event-kind-badge';

/**
 * One recent event. Everything is rendered as text: keys, field names and
 * reasons come from production rows and may contain markup.
 */
export const EventRow = memo(function EventRow({ e }: { e: EventListItem }) {
  const bad = e.kind === 'undecodable';
  return (
    <tr
      className={bad ? 'undecodable' : undefined}
      data-testid="event-row"
      data-event-id={e.id}
      data-kind={e.kind}
      data-op={e.op}
    >
      <td>
        <EventKindBadge e={e} />
      </td>
      <EventCells e={e} />
      <td className="num mono" title={e.sourceId}>
        {/* No prefetch: every push brings new events into view, each one's page fetched otherwise. */}
        <Link href={eventHref(e.id)} title="open in the inspector" data-testid="event-link" prefetch={false}>
          {formatClockMs(e.receivedAt)}
        </Link>
      </td>
    </tr>
  );
});
