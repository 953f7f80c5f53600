import type { TransactionSummary } from '../contracts/transactions';

/**
 * Whether two summaries of a transaction would draw the same row. The list is
 * re-read every 2 s as a fresh array, so the query cache's structural sharing
 * (by index) keeps no row's identity once a new transaction pushes the others
 * down: rows are memoized on this instead, and only the few that changed (or
 * came) render again, not all ~210 of them (issue #12).
 */
export function sameTransactionSummary(a: TransactionSummary, b: TransactionSummary): boolean {
  if (a === b) return true;
  return (
    a.key === b.key &&
    a.connector === b.connector &&
    a.id === b.id &&
    a.basis === b.basis &&
    a.state === b.state &&
    a.events === b.events &&
    a.expectedEvents === b.expectedEvents &&
    a.firstAt === b.firstAt &&
    a.lastAt === b.lastAt &&
    a.durationMs === b.durationMs &&
    a.sawBegin === b.sawBegin &&
    a.sawEnd === b.sawEnd &&
    a.eventsTruncated === b.eventsTruncated &&
    a.tables.length === b.tables.length &&
    a.tables.every((t, i) => {
      const u = b.tables[i];
      return u !== undefined && t.table === u.table && t.seen === u.seen && t.expected === u.expected;
    }) &&
    a.shortTables.length === b.shortTables.length &&
    a.shortTables.every((t, i) => t === b.shortTables[i])
  );
}
