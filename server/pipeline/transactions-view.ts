import type { DecodedRecord } from '../../lib/contracts/change-event';
import type { EventListItem } from '../../lib/contracts/event-view';
import type { TransactionDetail, TransactionsResponse } from '../../lib/contracts/transactions';
import { maskedListItem, type EventMasker, type StoredEvent } from '../../lib/store/event-store-view';
import { createTransactionTable, TRANSACTION_TABLE_DEFAULTS } from '../../lib/transactions/transaction-table';
import { topTransactions } from '../../lib/transactions/top-transactions';

/** Recent transactions in the list answer: the table holds up to 2,000 of several events and 2,000 of one, the page shows the newest. */
const RECENT_SHOWN = 200;
const TOP_WINDOW_MS = 15 * 60_000;

/**
 * The transactions view over the pipeline's records: a bounded table
 * (lib/transactions) fed every record, ticked once a second, read as the
 * API's shapes. A transaction's events come from the inspector's buffer,
 * masked as the inspector shows them; evicted ones are only counted.
 */
export function createTransactionsView(inspector: {
  lookup: (id: string) => StoredEvent | undefined;
  masker: EventMasker;
  decorate: (item: EventListItem) => EventListItem;
}) {
  const table = createTransactionTable();
  return {
    offer: (rec: DecodedRecord, now: number, eventId?: string) => {
      table.offer(rec, now, eventId);
    },
    tick: (now: number) => {
      table.tick(now);
    },
    list(now: number): TransactionsResponse {
      const all = table.list(now);
      return {
        at: now,
        recent: all.slice(0, RECENT_SHOWN),
        ...topTransactions(all, now, TOP_WINDOW_MS),
        connectors: table.connectors(),
        limits: {
          maxTransactions: TRANSACTION_TABLE_DEFAULTS.maxTransactions,
          maxSingleEvent: TRANSACTION_TABLE_DEFAULTS.maxSingleEvent,
          maxAgeMs: TRANSACTION_TABLE_DEFAULTS.maxAgeMs,
          graceMs: TRANSACTION_TABLE_DEFAULTS.graceMs,
        },
      };
    },
    detail(key: string, now: number): TransactionDetail | undefined {
      const got = table.get(key, now);
      if (got === undefined) return undefined;
      const events: EventListItem[] = [];
      for (const id of got.eventIds) {
        const e = inspector.lookup(id);
        if (e !== undefined) events.push(inspector.decorate(maskedListItem(e, inspector.masker)));
      }
      return { transaction: got.summary, events, evicted: got.eventIds.length - events.length };
    },
  };
}
