'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { schemaDriftResponseSchema } from '@/lib/contracts/table-schema';
import type { TransactionSummary } from '@/lib/contracts/transactions';
import { fetchJson, schemaHref } from '../realtime/fetch-json';
import { formatDuration, txShort } from '../format';
import { transactionHref, useTransactions } from '../transactions/use-transactions';

const DRIFT_REFRESH_MS = 5_000;
/** Top transactions shown on the overview; the Transactions page has the rest. */
const TOP = 3;

function TxLinks({
  items,
  figure,
}: {
  items: readonly TransactionSummary[];
  figure: (t: TransactionSummary) => string;
}) {
  if (items.length === 0) return <span className="muted">none</span>;
  return (
    <>
      {items.slice(0, TOP).map((t, i) => (
        <span key={t.key}>
          {i > 0 ? ' · ' : ''}
          {/* No prefetch: the 2 s poll brings new transactions into view, each one's page fetched otherwise. */}
          <Link href={transactionHref(t.key)} className="mono" title={`${t.connector} ${t.id}`} prefetch={false}>
            {txShort(t.id)}
          </Link>{' '}
          ({figure(t)})
        </span>
      ))}
    </>
  );
}

/**
 * The overview's transaction and schema line: incomplete transactions per
 * connector, the largest and longest of the last 15 minutes, and a drift
 * badge per table whose shape changed. Renders nothing until it has data.
 */
export function TransactionsPanel() {
  const tx = useTransactions();
  const drift = useQuery({
    queryKey: ['schema-drift'],
    queryFn: ({ signal }) => fetchJson('/api/schema-drift', schemaDriftResponseSchema, signal),
    refetchInterval: DRIFT_REFRESH_MS,
  });
  const data = tx.data;
  const drifted = drift.data?.tables ?? [];
  if ((data === undefined || data.recent.length === 0) && drifted.length === 0) return null;
  const incomplete = data?.connectors.reduce((n, c) => n + c.incomplete, 0) ?? 0;
  return (
    <section className="panel" aria-labelledby="overview-tx-heading" data-testid="overview-transactions">
      <div className="panel-head">
        <h2 id="overview-tx-heading">
          <Link href="/transactions">Transactions</Link> and schemas
        </h2>
        <span className={incomplete > 0 ? 'warn-text' : 'muted'} data-testid="overview-incomplete">
          {incomplete} incomplete
        </span>
      </div>
      {data && data.recent.length > 0 && (
        <ul>
          <li>
            Largest, 15 min: <TxLinks items={data.largest} figure={(t) => `${t.events} events`} />
          </li>
          <li>
            Longest, 15 min:{' '}
            <TxLinks items={data.longest} figure={(t) => formatDuration(t.durationMs ?? t.lastAt - t.firstAt)} />
          </li>
        </ul>
      )}
      {drifted.length > 0 && (
        <p data-testid="drift-badges">
          Schema drift:{' '}
          {drifted.map((table) => (
            <Link
              key={table}
              href={schemaHref(table)}
              className="badge badge-kind"
              data-testid="drift-badge"
              title="this table's columns changed since cdcscope started: its schema timeline"
            >
              {table}
            </Link>
          ))}
        </p>
      )}
    </section>
  );
}
