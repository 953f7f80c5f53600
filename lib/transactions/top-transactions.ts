import type { TransactionSummary } from '../contracts/transactions';

/** The `n` largest (by events) and longest (BEGIN→END, else receive span) of those active in the last `windowMs`. */
export function topTransactions(
  list: readonly TransactionSummary[],
  now: number,
  windowMs = 15 * 60_000,
  n = 5,
): { largest: TransactionSummary[]; longest: TransactionSummary[] } {
  const recent = list.filter((t) => now - t.lastAt <= windowMs);
  const span = (t: TransactionSummary) => t.durationMs ?? t.lastAt - t.firstAt;
  return {
    largest: [...recent].sort((a, b) => b.events - a.events).slice(0, n),
    longest: [...recent].sort((a, b) => span(b) - span(a)).slice(0, n),
  };
}
