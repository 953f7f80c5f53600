'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { outboxSummarySchema, type OutboxSummary } from '@/lib/contracts/outbox';
import { Age } from '../age';
import { formatInteger } from '../format';
import { fetchJson } from '../realtime/fetch-json';
import { ScrollRegion } from '../ui/scroll-region';

/** Re-read every 2 s: counts since start, cheap to compute, and not worth a push of their own. */
export const OUTBOX_REFRESH_MS = 2_000;

function inspectorLink(params: Record<string, string>): string {
  return `/inspector?${new URLSearchParams(params).toString()}`;
}

/**
 * Outbox events (Debezium's outbox event router) per aggregate type and
 * event type, and replayed copies that came back on a watched topic or
 * subject, per table: neither is a table's change, so neither is in the
 * table list. Hidden while there are none.
 */
export function OutboxPanel() {
  const query = useQuery({
    queryKey: ['outbox'],
    queryFn: ({ signal }) => fetchJson('/api/outbox', outboxSummarySchema, signal),
    refetchInterval: OUTBOX_REFRESH_MS,
  });
  const data: OutboxSummary | undefined = query.data;
  if (data === undefined || (data.events === 0 && data.replays.length === 0)) return null;
  return (
    <section className="panel" aria-labelledby="outbox-heading" data-testid="outbox-panel">
      <div className="panel-head">
        <h2 id="outbox-heading">Outbox events</h2>
        <span className="muted">
          {formatInteger(data.events)} events by aggregate and event type
          {data.overflowed && ' (types past the caps counted under (other))'}
        </span>
      </div>
      {data.aggregates.length > 0 && (
        <ScrollRegion label="Outbox events by type">
          <table className="data-table" data-testid="outbox-table">
            <thead>
              <tr>
                <th scope="col">Aggregate type</th>
                <th scope="col">Event type</th>
                <th scope="col" className="num">
                  Events
                </th>
                <th scope="col">Last</th>
              </tr>
            </thead>
            <tbody>
              {data.aggregates.flatMap((a) =>
                a.eventTypes.map((t, i) => (
                  <tr
                    key={`${a.aggregateType}\u0000${t.eventType}`}
                    data-testid="outbox-row"
                    data-aggregate={a.aggregateType}
                    data-event-type={t.eventType}
                  >
                    <td className="mono" title={a.channels.join(', ')}>
                      {i === 0 ? (
                        <Link href={inspectorLink({ kind: 'outbox', aggregateType: a.aggregateType })} prefetch={false}>
                          {a.aggregateType}
                        </Link>
                      ) : (
                        ''
                      )}
                    </td>
                    <td className="mono">
                      <Link
                        href={inspectorLink({ kind: 'outbox', aggregateType: a.aggregateType, eventType: t.eventType })}
                        prefetch={false}
                      >
                        {t.eventType}
                      </Link>
                    </td>
                    <td className="num" data-testid="outbox-count">
                      {formatInteger(t.events)}
                    </td>
                    <td>
                      <Age at={t.lastEventAt} />
                    </td>
                  </tr>
                )),
              )}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      {data.replays.length > 0 && (
        <>
          <h3>Replayed copies seen</h3>
          <p className="muted">
            Messages cdcscope replayed that came back on a watched topic or subject: counted here, not as changes.
          </p>
          <ScrollRegion label="Replayed copies by table">
            <table className="data-table" data-testid="replays-table">
              <thead>
                <tr>
                  <th scope="col">Table</th>
                  <th scope="col" className="num">
                    Replays
                  </th>
                  <th scope="col">Last</th>
                </tr>
              </thead>
              <tbody>
                {data.replays.map((r) => (
                  <tr key={r.table} data-testid="replays-row" data-table={r.table}>
                    <td className="mono">
                      <Link href={inspectorLink({ replay: 'only' })} prefetch={false}>
                        {r.table}
                      </Link>
                    </td>
                    <td className="num">{formatInteger(r.replays)}</td>
                    <td>
                      <Age at={r.lastReplayAt} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        </>
      )}
    </section>
  );
}
