'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { memo, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { sortByLogPosition } from '@/lib/event-views/log-position';
import type { EventListItem } from '@/lib/contracts/event-view';
import { formatClockMs } from '../format';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { eventHref } from './inspector-query';
import { EventCells } from '../ui/event-cells';
import { schemaHref } from '../realtime/fetch-json';
import { EventKindBadge } from '../ui/event-kind-badge';

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'Received', width: 112 },
  { label: 'Op', width: 50 },
  { label: 'Table', width: 210 },
  { label: 'Key', width: 150 },
  { label: 'Changed fields', width: 190 },
  {
    label: 'Log position',
    width: 190,
    title:
      'Where the change sits in its source log: LSN (PostgreSQL), GTID or binlog file:pos (MySQL, MariaDB). ' +
      'Records with none (transaction markers, heartbeats, undecodable ones) show the broker position instead: ' +
      'Kafka partition@offset or a stream seq. Sorting orders the loaded events kind by kind, each in its log order.',
  },
  { label: 'Tx', width: 96 },
  { label: 'Lag', width: 72, num: true, title: 'received − source.ts_ms' },
  { label: 'Size', width: 72, num: true },
];
const TABLE_WIDTH = COLUMNS.reduce((s, c) => s + c.width, 0);
const POSITION_COLUMN = COLUMNS.findIndex((c) => c.label === 'Log position');
type PositionSort = 'none' | 'ascending' | 'descending';
const NEXT_SORT: Record<PositionSort, PositionSort> = {
  none: 'ascending',
  ascending: 'descending',
  descending: 'none',
};

export const ROW_HEIGHT = 34;
const OVERSCAN = 12;

/** Focuses the row of event `id` once React has committed (it may have been re-rendered meanwhile). */
export function focusRowLater(id: string): void {
  requestAnimationFrame(() => {
    const row = document.querySelector<HTMLElement>(`tr[data-testid="inspector-row"][data-id="${CSS.escape(id)}"]`);
    row?.focus();
  });
}

/** Arrow keys move between rows (the virtualizer keeps overscan rows around the visible ones, so the next exists). */
function focusSibling(row: HTMLElement, step: 1 | -1): void {
  let next = step === 1 ? row.nextElementSibling : row.previousElementSibling;
  while (next && !(next instanceof HTMLElement && next.dataset.testid === 'inspector-row'))
    next = step === 1 ? next.nextElementSibling : next.previousElementSibling;
  if (next instanceof HTMLElement) {
    next.focus();
    next.scrollIntoView({ block: 'nearest' });
  }
}

interface RowProps {
  e: EventListItem;
  index: number;
  selected: boolean;
  onSelect: (id: string) => void;
}

/** One event. Everything is text: keys, field names and reasons come from production rows. */
const Row = memo(function Row({ e, index, selected, onSelect }: RowProps) {
  const bad = e.kind === 'undecodable';
  const select = () => onSelect(e.id);
  const onKey = (ev: KeyboardEvent<HTMLTableRowElement>) => {
    if (ev.key === 'Enter' || ev.key === ' ') {
      ev.preventDefault();
      select();
      // Selecting opens the side panel and re-renders the list: keep the keyboard where it was.
      focusRowLater(e.id);
    } else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      ev.preventDefault();
      focusSibling(ev.currentTarget, ev.key === 'ArrowDown' ? 1 : -1);
    }
  };
  // The time cell links to the event's own page; a plain click selects in place.
  const onLink = (ev: MouseEvent<HTMLAnchorElement>) => {
    if (ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey || ev.button !== 0) return;
    ev.preventDefault();
    select();
  };
  const classes = ['inspector-row', selected ? 'selected' : '', bad ? 'undecodable' : ''].filter(Boolean).join(' ');
  return (
    <tr
      className={classes}
      aria-rowindex={index + 2}
      aria-selected={selected}
      tabIndex={0}
      onClick={select}
      onKeyDown={onKey}
      data-testid="inspector-row"
      data-id={e.id}
      data-op={e.op ?? ''}
      data-kind={e.kind}
      data-table={e.tableKey ?? ''}
    >
      <td className="mono" title={`${new Date(e.receivedAt).toISOString()} · ${e.sourceId}`}>
        <Link href={eventHref(e.id)} onClick={onLink} tabIndex={-1} prefetch={false}>
          {formatClockMs(e.receivedAt)}
        </Link>
      </td>
      <td>
        <EventKindBadge e={e} />
      </td>
      <td className="mono" title={e.tableKey ?? e.channel}>
        {e.tableKey ?? <span className="muted">{e.channel}</span>}
        {e.offShape === true && e.tableKey !== undefined && (
          <>
            {' '}
            <Link
              href={schemaHref(e.tableKey)}
              className="badge badge-drift"
              data-testid="event-off-shape"
              title="this change does not fit its table's current shape (schema drift): see the schema timeline"
              tabIndex={-1}
              prefetch={false}
            >
              off shape
            </Link>
          </>
        )}
      </td>
      <EventCells e={e} />
    </tr>
  );
});

interface Props {
  rows: readonly EventListItem[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}

/** Virtualized event list, newest first: only the visible rows are in the DOM. */
export function EventList({ rows: received, selectedId, onSelect }: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [positionSort, setPositionSort] = useState<PositionSort>('none');
  const rows = useMemo(
    () => (positionSort === 'none' ? received : sortByLogPosition(received, positionSort)),
    [received, positionSort],
  );
  const columns = useMemo(
    () =>
      COLUMNS.map((c, i) =>
        i === POSITION_COLUMN
          ? {
              ...c,
              sort: {
                state: positionSort,
                onToggle: () => setPositionSort((s) => NEXT_SORT[s]),
                testId: 'sort-log-position',
              },
            }
          : c,
      ),
    [positionSort],
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual hands back a mutable instance by design; this app does not run the React Compiler, so nothing is skipped
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (i) => rows[i]?.id ?? i,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);

  return (
    <div className="list-scroll inspector-scroll" ref={scrollRef}>
      <table
        className="data-table inspector-table"
        style={{ width: '100%', minWidth: TABLE_WIDTH }}
        aria-rowcount={rows.length + 1}
        data-testid="inspector-list"
      >
        <TableColumns columns={columns} />
        <tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
          {items.map((item) => {
            const e = rows[item.index];
            return e ? (
              <Row key={e.id} e={e} index={item.index} selected={e.id === selectedId} onSelect={onSelect} />
            ) : null;
          })}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
      </table>
    </div>
  );
}
