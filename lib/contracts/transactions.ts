import { z } from 'zod';
import { eventListItemSchema } from './event-view';

/**
 * Transactions as cdcscope reassembles them (lib/transactions): from
 * Debezium's transaction metadata (BEGIN/END on `<prefix>.transaction` and
 * each event's `transaction` block) or, without it, from the source's own
 * transaction id (PostgreSQL `txId`, MySQL/MariaDB GTID).
 */

/** `metadata`: Debezium's transaction block/records; `txid` / `gtid`: grouped by the source position, no END marker. */
export const transactionBasisSchema = z.enum(['metadata', 'txid', 'gtid']);
export type TransactionBasis = z.infer<typeof transactionBasisSchema>;

/**
 * `open`: no END yet (or END seen, short, grace not over); `complete`: END's
 * count reached; `incomplete`: END says N, fewer seen after the grace period;
 * `unverified`: grouped without metadata, so nothing vouches for completeness.
 */
export const transactionStateSchema = z.enum(['open', 'complete', 'incomplete', 'unverified']);
export type TransactionState = z.infer<typeof transactionStateSchema>;

export const transactionTableCountSchema = z.object({
  table: z.string(),
  seen: z.number(),
  /** From END's `data_collections`; absent without metadata. */
  expected: z.number().optional(),
});

export const transactionSummarySchema = z.object({
  /** `<connector>|<id>`: ids are only unique per connector. */
  key: z.string(),
  connector: z.string(),
  id: z.string(),
  basis: transactionBasisSchema,
  state: transactionStateSchema,
  /** Change events seen. */
  events: z.number(),
  /** END's `event_count`. */
  expectedEvents: z.number().optional(),
  tables: z.array(transactionTableCountSchema),
  /** Tables with fewer events seen than END announced (incomplete or still open after END). */
  shortTables: z.array(z.string()),
  /** First and last time cdcscope received one of its records, epoch ms. */
  firstAt: z.number(),
  lastAt: z.number(),
  /** BEGIN → END by the records' `ts_ms`, when both were seen. */
  durationMs: z.number().optional(),
  sawBegin: z.boolean(),
  sawEnd: z.boolean(),
  /** More events than the per-transaction cap: the event list holds the first ones only. */
  eventsTruncated: z.boolean().optional(),
});
export type TransactionSummary = z.infer<typeof transactionSummarySchema>;

export const transactionsConnectorSchema = z.object({
  connector: z.string(),
  /** Transactions judged incomplete since start (one completed by late events is taken back). */
  incomplete: z.number(),
  /** Whether any transaction metadata (BEGIN/END or transaction block) was seen from it. */
  metadata: z.boolean(),
});

/** `GET /api/transactions`. */
export const transactionsResponseSchema = z.object({
  at: z.number(),
  /** Newest first. */
  recent: z.array(transactionSummarySchema),
  /** Of the last 15 minutes, by events. */
  largest: z.array(transactionSummarySchema),
  /** Of the last 15 minutes, by BEGIN→END duration (else receive span). */
  longest: z.array(transactionSummarySchema),
  connectors: z.array(transactionsConnectorSchema),
  /** Multi-event and one-event transactions are kept apart, each capped and shared fairly per connector. */
  limits: z.object({
    maxTransactions: z.number(),
    maxSingleEvent: z.number(),
    maxAgeMs: z.number(),
    graceMs: z.number(),
  }),
});
export type TransactionsResponse = z.infer<typeof transactionsResponseSchema>;

/** `GET /api/transactions/:key`: the summary and its events in order (masked list items); evicted events are missing. */
export const transactionDetailSchema = z.object({
  transaction: transactionSummarySchema,
  events: z.array(eventListItemSchema),
  /** Events of the transaction no longer in the inspector's buffer. */
  evicted: z.number(),
});
export type TransactionDetail = z.infer<typeof transactionDetailSchema>;
