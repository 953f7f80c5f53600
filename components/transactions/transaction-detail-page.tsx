'use client';

import Link from 'next/link';
import { EventRow } from '../table/event-row';
import { formatClock, formatDuration } from '../format';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { QueryStatus } from '../ui/query-status';
import { stateText } from './transaction-rows';
import { useTransaction } from './use-transactions';

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

/** `/transactions/:key`: one transaction, its tables (seen vs announced) and its events in order. */
export function TransactionDetailPage({ txKey }: { txKey: string }) {
  const query = useTransaction(txKey);
  const { data } = query;
  const t = data?.transaction;
  return (
    <>
      <div className="title-row">
        <h1>Transaction</h1>
        <span className="mono">{txKey}</span>
        <Link href="/transactions">All transactions</Link>
      </div>
      <QueryStatus query={query} what="the transaction" />
      {data && t && (
        <>
          <section className="panel" aria-labelledby="tx-summary-heading" data-testid="transaction-summary">
            <div className="panel-head">
              <h2 id="tx-summary-heading">
                {t.connector} ·{' '}
                <span className={t.state === 'incomplete' ? 'warn-text' : undefined}>{stateText(t)}</span>
              </h2>
              <span className="muted">
                {t.events} events{t.expectedEvents !== undefined ? ` of ${t.expectedEvents} announced` : ''} ·{' '}
                {formatClock(t.firstAt)}–{formatClock(t.lastAt)} ·{' '}
                {t.durationMs !== undefined ? `BEGIN→END ${formatDuration(t.durationMs)}` : 'no BEGIN/END pair'}
              </span>
            </div>
            {t.state === 'unverified' && (
              <p className="notice">
                Grouped by {t.basis === 'gtid' ? 'GTID' : 'txId'}: no END marker vouches that every event arrived.
              </p>
            )}
            <ul>
              {t.tables.map((x) => (
                <li key={x.table} className={t.shortTables.includes(x.table) ? 'warn-text' : undefined}>
                  {x.table}: {x.seen}
                  {x.expected !== undefined ? ` of ${x.expected}` : ''}
                </li>
              ))}
            </ul>
          </section>
          <section className="panel" aria-labelledby="tx-events-heading">
            <div className="panel-head">
              <h2 id="tx-events-heading">Events in order</h2>
              <span className="muted">
                {data.evicted > 0 ? `${data.evicted} no longer in the buffer` : ''}
                {t.eventsTruncated === true ? ' · only the first ones are listed' : ''}
              </span>
            </div>
            {data.events.length === 0 ? (
              <p className="notice" data-testid="transaction-events-empty">
                None of its events is in the inspector&apos;s buffer any more.
              </p>
            ) : (
              <div className="events-scroll">
                <table className="data-table events-table" data-testid="transaction-events">
                  <TableColumns columns={COLUMNS} />
                  <tbody>
                    {data.events.map((e) => (
                      <EventRow key={e.id} e={e} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </>
  );
}
