import type { ChangeRecord, DecodedRecord, TransactionBoundaryRecord } from '../contracts/change-event';
import { channelOf, positionOf } from '../contracts/raw-message';
import type { TransactionBasis, TransactionState, TransactionSummary } from '../contracts/transactions';
import { serverNameOf } from '../debezium/table-identity';
import { createFairPool } from './fair-pool';
import { createSinglePool } from './single-pool';
import { Tx } from './tx';

/**
 * Recent transactions, reassembled from the records that pass by.
 *
 * Bounds and eviction: transactions of one event (an autocommit change, or
 * BEGIN / END alone) and those of several are kept apart, at most
 * `maxSingleEvent` (2,000) and `maxTransactions` (2,000): one-event ones are
 * the bulk of most workloads (about 50 a second on the demo), and sharing one
 * table they evicted every transaction worth a look within a minute. One
 * becomes multi-event on its second event (or an END announcing two or more).
 * In each part, past its cap, the one that entered longest ago *of the
 * connector holding the most* is dropped (lib/transactions/fair-pool.ts; the
 * one-event ones by the same rule in single-pool.ts, which holds them
 * compact), so a chatty connector never evicts a quieter one's. Any not touched for
 * `maxAgeMs` (15 minutes) is dropped on `tick`. Each keeps at most
 * `maxEventsPerTransaction` (1,000) event ids, the first ones; counts go on
 * past the cap.
 *
 * Completeness needs Debezium's metadata: END announces the event count per
 * table. Events travel on their tables' topics and END on the transaction
 * topic, so they may arrive in any order: a short transaction is only judged
 * incomplete `graceMs` (10 s) after its END, and taken back if late events
 * complete it. Grouped by txId / GTID alone, nothing says how many to expect.
 */
export interface TransactionTableOptions {
  maxTransactions?: number;
  maxSingleEvent?: number;
  maxAgeMs?: number;
  graceMs?: number;
  maxEventsPerTransaction?: number;
}

export const TRANSACTION_TABLE_DEFAULTS = {
  maxTransactions: 2_000,
  maxSingleEvent: 2_000,
  maxAgeMs: 15 * 60_000,
  graceMs: 10_000,
  maxEventsPerTransaction: 1_000,
} as const;

export interface TransactionTable {
  /**
   * Feeds any decoded record; ignores those that are not transactional. `eventId`: the record's eventIdOf when
   * the caller has it already (the pipeline shares the inspector's string).
   */
  offer(rec: DecodedRecord, now: number, eventId?: string): void;
  /** Applies grace periods and age eviction. */
  tick(now: number): void;
  /** Newest first (by last activity). */
  list(now: number): TransactionSummary[];
  get(key: string, now: number): { summary: TransactionSummary; eventIds: string[] } | undefined;
  /** Incomplete transactions counted per connector, and whether it sends metadata. */
  connectors(): { connector: string; incomplete: number; metadata: boolean }[];
  readonly size: number;
}

/** The inspector's id for a record (lib/event-views/to-list-item.ts). */
export function eventIdOf(rec: DecodedRecord): string {
  return `${rec.sourceId}:${channelOf(rec.origin)}:${positionOf(rec.origin)}`;
}

/** Which transaction a change belongs to, and on what evidence; undefined for snapshot reads and untracked ones. */
export function transactionOf(rec: ChangeRecord): { id: string; basis: TransactionBasis } | undefined {
  // Snapshot reads are not transactions of the source's workload; logical messages are not row changes.
  if (rec.op === 'r' || rec.op === 'm') return undefined;
  if (rec.transaction !== undefined) return { id: rec.transaction.id, basis: 'metadata' };
  const p = rec.source.position;
  if (p.kind === 'postgresql' && p.txId !== undefined) return { id: String(p.txId), basis: 'txid' };
  if (p.kind === 'mysql' && p.gtid !== undefined) return { id: p.gtid, basis: 'gtid' };
  return undefined;
}

export function createTransactionTable(options: TransactionTableOptions = {}): TransactionTable {
  const o = { ...TRANSACTION_TABLE_DEFAULTS, ...options };
  // By connector, then transaction id: no key string per transaction (see Tx). A number is the slot of a
  // one-change transaction held compact in `singles` (single-pool.ts), most of them: no object per autocommit change.
  const txs = new Map<string, Map<string, Tx | number>>();
  let size = 0;
  let created = 0;
  const singles = createSinglePool(o.maxSingleEvent, drop);
  const multi = createFairPool<Tx>(o.maxTransactions);
  const incomplete = new Map<string, number>();
  const withMetadata = new Set<string>();
  let arrival = 0;

  function drop(connector: string, id: string): void {
    const of = txs.get(connector);
    if (of?.delete(id) !== true) return;
    size--;
    if (of.size === 0) txs.delete(connector);
  }

  /** A compact one's Tx is made to be read, not kept. */
  const readable = (held: Tx | number): Tx => (typeof held === 'number' ? singles.read(held) : held);

  function find(key: string): Tx | undefined {
    for (const [connector, of] of txs)
      if (key.length > connector.length && key.startsWith(connector) && key[connector.length] === '|') {
        const held = of.get(key.slice(connector.length + 1));
        if (held !== undefined) return readable(held);
      }
    return undefined;
  }

  function* all(): Generator<Tx> {
    for (const of of txs.values()) for (const held of of.values()) yield readable(held);
  }

  function txsOf(connector: string): Map<string, Tx | number> {
    let of = txs.get(connector);
    if (of === undefined) {
      of = new Map();
      txs.set(connector, of);
    }
    return of;
  }

  function entry(connector: string, id: string, basis: TransactionBasis, now: number): Tx {
    const of = txsOf(connector);
    const held = of.get(id);
    let tx: Tx;
    if (held === undefined) {
      tx = new Tx(++created, connector, id, basis, now);
      of.set(id, tx);
      size++;
      singles.addTx(tx);
      singles.fit();
    } else if (typeof held === 'number') {
      // A compact one-change transaction, about to learn more: a Tx from now on, in the same place.
      tx = singles.keep(held);
      of.set(id, tx);
    } else tx = held;
    if (basis === 'metadata') {
      tx.basis = 'metadata';
      withMetadata.add(connector);
    }
    tx.lastAt = Math.max(tx.lastAt, now);
    return tx;
  }

  /** Moves a one-event transaction among the multi-event ones once it has (or announces) a second event. */
  function promote(tx: Tx) {
    if ((tx.seen < 2 && (tx.expected ?? 0) < 2) || !singles.remove(tx)) return;
    for (const gone of multi.add(tx)) drop(gone.connector, gone.id);
  }

  function offerChange(rec: ChangeRecord, now: number, eventId: string | undefined) {
    const which = transactionOf(rec);
    if (which === undefined) return;
    const connector = serverNameOf(rec) ?? rec.sourceId;
    const at = rec.receivedAt || now;
    const of = txsOf(connector);
    if (o.maxEventsPerTransaction > 0 && !of.has(which.id)) {
      // A new transaction, of one event so far: held compact, as the Tx below would end up.
      const order = rec.transaction?.totalOrder ?? Number.MAX_SAFE_INTEGER / 2 + ++arrival;
      const slot = singles.addChange(
        ++created,
        connector,
        which.id,
        which.basis,
        at,
        rec.table,
        eventId ?? eventIdOf(rec),
        order,
      );
      of.set(which.id, slot);
      size++;
      singles.fit();
      if (which.basis === 'metadata') withMetadata.add(connector);
      return;
    }
    const tx = entry(connector, which.id, which.basis, at);
    tx.seen++;
    tx.countTable(rec.table);
    promote(tx);
    if (tx.eventCount < o.maxEventsPerTransaction) {
      const total = rec.transaction?.totalOrder;
      tx.addEvent(eventId ?? eventIdOf(rec), total ?? Number.MAX_SAFE_INTEGER / 2 + ++arrival);
    } else tx.truncated = true;
    // A late event may complete one already judged incomplete: take the count back.
    if (tx.judgedIncomplete && !isShort(tx)) {
      tx.judgedIncomplete = false;
      incomplete.set(tx.connector, (incomplete.get(tx.connector) ?? 1) - 1);
    }
  }

  function offerBoundary(rec: TransactionBoundaryRecord, now: number) {
    if (rec.id === '') return;
    const tx = entry(serverNameOf(rec) ?? rec.sourceId, rec.id, 'metadata', rec.receivedAt || now);
    if (rec.status === 'BEGIN') {
      tx.sawBegin = true;
      tx.beginTs = rec.tsMs;
      return;
    }
    tx.endAt = rec.receivedAt || now;
    tx.endTs = rec.tsMs;
    tx.expected = rec.eventCount;
    if (rec.dataCollections !== undefined)
      tx.expectedPerTable = new Map(rec.dataCollections.map((d) => [d.dataCollection, d.eventCount]));
    promote(tx);
  }

  function isShort(tx: Tx): boolean {
    return tx.expected !== undefined && tx.seen < tx.expected;
  }

  function shortTables(tx: Tx): string[] {
    if (tx.expectedPerTable === undefined) return [];
    const short: string[] = [];
    for (const [table, n] of tx.expectedPerTable) if (tx.seenIn(table) < n) short.push(table);
    return short;
  }

  function stateOf(tx: Tx): TransactionState {
    if (tx.basis !== 'metadata') return 'unverified';
    if (tx.endAt === undefined) return 'open';
    if (!isShort(tx)) return 'complete';
    return tx.judgedIncomplete ? 'incomplete' : 'open';
  }

  function summary(tx: Tx): TransactionSummary {
    const tables = new Set([...tx.tableNames(), ...(tx.expectedPerTable?.keys() ?? [])]);
    const s: TransactionSummary = {
      key: tx.key,
      connector: tx.connector,
      id: tx.id,
      basis: tx.basis,
      state: stateOf(tx),
      events: tx.seen,
      tables: [...tables].sort().map((table) => {
        const expected = tx.expectedPerTable?.get(table);
        const seen = tx.seenIn(table);
        return expected === undefined ? { table, seen } : { table, seen, expected };
      }),
      shortTables: shortTables(tx),
      firstAt: tx.firstAt,
      lastAt: tx.lastAt,
      sawBegin: tx.sawBegin,
      sawEnd: tx.endAt !== undefined,
    };
    if (tx.expected !== undefined) s.expectedEvents = tx.expected;
    if (tx.beginTs !== undefined && tx.endTs !== undefined) s.durationMs = Math.max(0, tx.endTs - tx.beginTs);
    if (tx.truncated) s.eventsTruncated = true;
    return s;
  }

  return {
    offer(rec, now, eventId) {
      if (rec.kind === 'change') offerChange(rec, now, eventId);
      else if (rec.kind === 'transaction') offerBoundary(rec, now);
    },
    tick(now) {
      for (const [connector, of] of txs)
        for (const [id, tx] of of) {
          if (typeof tx === 'number') {
            if (now - singles.lastAt(tx) > o.maxAgeMs) {
              drop(connector, id);
              singles.removeSlot(tx);
            }
            continue;
          }
          if (now - tx.lastAt > o.maxAgeMs) {
            drop(connector, id);
            if (!singles.remove(tx)) multi.remove(tx);
            continue;
          }
          if (!tx.judgedIncomplete && tx.endAt !== undefined && now - tx.endAt >= o.graceMs && isShort(tx)) {
            tx.judgedIncomplete = true;
            incomplete.set(tx.connector, (incomplete.get(tx.connector) ?? 0) + 1);
          }
        }
    },
    list() {
      return [...all()].sort((a, b) => b.lastAt - a.lastAt || a.seq - b.seq).map(summary);
    },
    get(key) {
      const tx = find(key);
      if (tx === undefined) return undefined;
      return { summary: summary(tx), eventIds: tx.orderedEventIds() };
    },
    connectors() {
      const names = new Set([...incomplete.keys(), ...withMetadata]);
      for (const connector of txs.keys()) names.add(connector);
      return [...names].sort().map((connector) => ({
        connector,
        incomplete: incomplete.get(connector) ?? 0,
        metadata: withMetadata.has(connector),
      }));
    },
    get size() {
      return size;
    },
  };
}
