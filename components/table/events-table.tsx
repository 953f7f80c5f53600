'use client';

import { useMemo } from 'react';
import type { EventListItem } from '@/lib/contracts/event-view';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { EventRow } from './event-row';

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'Op', width: 56 },
  { label: 'Key', width: 200 },
  { label: 'Changed fields', width: 240 },
  { label: 'Log position', width: 200 },
  { label: 'Tx', width: 110 },
  { label: 'Lag', width: 84, num: true },
  { label: 'Size', width: 80, num: true },
  { label: 'Received', width: 120, num: true },
];

/** Recent events of one table, newest first (the server keeps ~200). */
export function EventsTable({ events }: { events: readonly EventListItem[] }) {
  const newestFirst = useMemo(() => events.slice().reverse(), [events]);
  const undecodable = useMemo(() => events.filter((e) => e.kind === 'undecodable').length, [events]);
  return (
    <section className="panel" aria-labelledby="events-heading">
      <div className="panel-head">
        <h2 id="events-heading">Recent events</h2>
        <span className="muted">
          {events.length} newest first
          {undecodable > 0 && <span className="warn-text"> · {undecodable} undecodable</span>}
        </span>
      </div>
      {events.length === 0 ? (
        <p className="notice">No event received yet.</p>
      ) : (
        <div className="events-scroll">
          <table className="data-table events-table" data-testid="events-table">
            <TableColumns columns={COLUMNS} />
            <tbody>
              {newestFirst.map((e) => (
                <EventRow key={e.id} e={e} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
