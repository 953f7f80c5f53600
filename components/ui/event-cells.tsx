import Link from 'next/link';
import type { EventListItem } from '@/lib/contracts/event-view';
import { rowHistoryHref } from '@/lib/row-history/row-key';
import { formatBytes, ROUNDED_SIZE_TITLE, formatDuration, txShort } from '../format';
import { ClockNote } from './clock-note';
import { logPositionView } from '@/lib/event-views/log-position';
import { MaskedText } from '../inspector/masked-text';

/**
 * The cells an event row shares between the table page and the inspector:
 * key and changed fields (or the reason / summary of a record that has none),
 * log position, transaction, lag and size. Everything is text: keys, field
 * names and reasons come from production rows and may contain markup.
 */
export function EventCells({ e }: { e: EventListItem }) {
  const changed = e.changedFields?.join(', ') ?? '';
  return (
    <>
      {e.kind === 'undecodable' ? (
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
            {e.key ? <MaskedText text={e.key} /> : <span className="muted">—</span>}
            {e.key && e.kind === 'change' && e.tableKey !== undefined && (
              // A small link of its own, so a click on the row (or its key) still selects it.
              <Link
                href={rowHistoryHref(e.tableKey, e.key)}
                onClick={(ev) => ev.stopPropagation()}
                tabIndex={-1}
                prefetch={false}
                className="row-history-link"
                title={`History of ${e.key}`}
                aria-label={`History of ${e.key}`}
                data-testid="row-history-link"
              >
                ⟲
              </Link>
            )}
          </td>
          <td className="mono" title={changed}>
            {changed || <span className="muted">{e.flattened === true ? 'flattened: no before image' : '—'}</span>}
          </td>
        </>
      )}
      <LogPositionCell e={e} />
      <td className="mono" title={e.txId}>
        {e.txId ? txShort(e.txId) : <span className="muted">—</span>}
      </td>
      <td className="num">
        {formatDuration(e.lagMs)}
        <ClockNote clock={e.lagClock} />
      </td>
      <td className="num" title={e.sizeRounded ? ROUNDED_SIZE_TITLE : undefined}>
        {e.sizeRounded ? '≈ ' : ''}
        {formatBytes(e.sizeBytes)}
      </td>
    </>
  );
}

/** The source log position (LSN, GTID, binlog file:pos) or, for records with none, the broker's, named by kind. */
function LogPositionCell({ e }: { e: EventListItem }) {
  const v = logPositionView(e);
  return (
    <td className="mono" title={`${v.title}\nbroker: ${e.channel} ${e.position}`} data-position-kind={v.kind}>
      <span className="muted position-kind">{v.label}</span> {v.text}
    </td>
  );
}
