'use client';

import { useVirtualizer } from '@tanstack/react-virtual';
import Link from 'next/link';
import { memo, useRef } from 'react';
import type { TransactionSummary } from '@/lib/contracts/transactions';
import { sameTransactionSummary } from '@/lib/transactions/same-summary';
import { formatClock, formatDuration, txShort } from '../format';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { transactionHref } from './use-transactions';

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'Transaction', width: 200 },
  { label: 'Connector', width: 140 },
  { label: 'State', width: 110, title: 'unverified: grouped by txId / GTID, no END marker vouches for it' },
  { label: 'Events', width: 90, num: true },
  { label: 'Tables', width: 260 },
  { label: 'Duration', width: 90, num: true, title: 'BEGIN → END (else first to last received)' },
  { label: 'Last seen', width: 100, num: true },
];

/** What the state column says, in words an operator reads at a glance. */
export function stateText(t: TransactionSummary): string {
  if (t.state === 'incomplete') return `incomplete: ${t.events}/${t.expectedEvents ?? '?'}`;
  return t.state;
}

/**
 * One transaction. Memoized on its content (the 2 s poll brings every row as a
 * new object). The link does not prefetch: every poll brings new transactions
 * into view, and a prefetching link fetched each one's page (34 requests in
 * 10 s with 500 tables, the page's long tasks).
 */
const TransactionRow = memo(
  function TransactionRow({ t }: { t: TransactionSummary }) {
    return (
      <tr className="tx-row" data-testid="transaction-row" data-state={t.state}>
        <td className="mono" title={t.id}>
          <Link href={transactionHref(t.key)} prefetch={false}>
            {txShort(t.id, 24)}
          </Link>
        </td>
        <td>{t.connector}</td>
        <td className={t.state === 'incomplete' ? 'warn-text' : undefined}>{stateText(t)}</td>
        <td className="num">
          {t.events}
          {t.expectedEvents !== undefined && t.expectedEvents !== t.events ? ` / ${t.expectedEvents}` : ''}
        </td>
        <td title={t.tables.map((x) => x.table).join(', ')}>
          {t.tables.map((x) => x.table).join(', ')}
          {t.shortTables.length > 0 && <span className="warn-text"> · short: {t.shortTables.join(', ')}</span>}
        </td>
        <td className="num">{formatDuration(t.durationMs ?? t.lastAt - t.firstAt)}</td>
        <td className="num mono">{formatClock(t.lastAt)}</td>
      </tr>
    );
  },
  (a, b) => sameTransactionSummary(a.t, b.t),
);

/** Fixed row height of the virtualized list (app/globals.css `.tx-row`). */
const ROW_HEIGHT = 34;
/** Rows drawn beyond the scroll box's 560 px, so fast scrolling shows no blank gap. */
const OVERSCAN = 8;

/**
 * Transactions as table rows; text only (ids and table names come from
 * production). `virtual`: only the rows in the scroll box are in the DOM. The
 * recent list is wholly new at each 2 s poll on a busy estate (~100
 * transactions a second), so memoizing cannot spare it: drawing 200 new rows
 * every poll was most of the page's main-thread work with 500 tables.
 */
export function TransactionsTable({
  items,
  testId,
  virtual = false,
}: {
  items: readonly TransactionSummary[];
  testId: string;
  virtual?: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual hands back a mutable instance by design; this app does not run the React Compiler, so nothing is skipped
  const virtualizer = useVirtualizer({
    count: virtual ? items.length : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (i) => items[i]?.key ?? i,
  });
  const shown = virtual ? virtualizer.getVirtualItems() : [];
  const padTop = shown[0]?.start ?? 0;
  const padBottom = virtual ? virtualizer.getTotalSize() - (shown[shown.length - 1]?.end ?? 0) : 0;
  const rows = virtual ? shown.flatMap((v) => items[v.index] ?? []) : items;
  return (
    <div className="events-scroll" ref={scrollRef}>
      <table className="data-table tx-table" data-testid={testId}>
        <TableColumns columns={COLUMNS} />
        <tbody>
          {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
          {rows.map((t) => (
            <TransactionRow key={t.key} t={t} />
          ))}
          {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
        </tbody>
      </table>
    </div>
  );
}
