'use client';

import { QueryStatus } from '../ui/query-status';
import { TransactionsTable } from './transaction-rows';
import { useTransactions } from './use-transactions';

/**
 * `/transactions`: recent transactions, the largest and longest of the last
 * 15 minutes, and incomplete ones counted per connector.
 */
export function TransactionsPage() {
  const query = useTransactions();
  const { data } = query;
  return (
    <>
      <div className="title-row">
        <h1>Transactions</h1>
        <span className="muted">
          from Debezium&apos;s transaction metadata, else grouped by PostgreSQL txId / MariaDB GTID
        </span>
      </div>
      <QueryStatus query={query} what="transactions" />
      {data && (
        <>
          <section className="panel" aria-labelledby="tx-connectors-heading">
            <div className="panel-head">
              <h2 id="tx-connectors-heading">Connectors</h2>
              <span className="muted">
                kept: {data.limits.maxTransactions} of several events and {data.limits.maxSingleEvent} of one, shared
                fairly by connector, {data.limits.maxAgeMs / 60_000} minutes · incomplete after a{' '}
                {data.limits.graceMs / 1000} s grace period past END
              </span>
            </div>
            {data.connectors.length === 0 ? (
              <p className="notice" data-testid="transactions-empty">
                No transaction seen yet: changes outside snapshots that carry a transaction block, a txId or a GTID show
                up here.
              </p>
            ) : (
              <ul data-testid="transaction-connectors">
                {data.connectors.map((c) => (
                  <li key={c.connector}>
                    {c.connector}:{' '}
                    {c.metadata ? (
                      <span className={c.incomplete > 0 ? 'warn-text' : undefined}>{c.incomplete} incomplete</span>
                    ) : (
                      <span className="muted">no transaction metadata: no END marker vouches for completeness</span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {data.recent.length > 0 && (
            <>
              <section className="panel" aria-labelledby="tx-largest-heading">
                <div className="panel-head">
                  <h2 id="tx-largest-heading">Largest, last 15 minutes</h2>
                </div>
                <TransactionsTable items={data.largest} testId="transactions-largest" />
              </section>
              <section className="panel" aria-labelledby="tx-longest-heading">
                <div className="panel-head">
                  <h2 id="tx-longest-heading">Longest, last 15 minutes</h2>
                </div>
                <TransactionsTable items={data.longest} testId="transactions-longest" />
              </section>
              <section className="panel" aria-labelledby="tx-recent-heading">
                <div className="panel-head">
                  <h2 id="tx-recent-heading">Recent</h2>
                  <span className="muted">{data.recent.length} newest first</span>
                </div>
                <TransactionsTable items={data.recent} testId="transactions-recent" virtual />
              </section>
            </>
          )}
        </>
      )}
    </>
  );
}
