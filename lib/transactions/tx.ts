import type { TransactionBasis } from '../contracts/transactions';

/**
 * One transaction. Most are one event (every MariaDB autocommit change is its own GTID), and each is kept for
 * longer than the young generation lives, so per-transaction objects are what the garbage collector copies and
 * promotes at ingest: the first table and the first event live in fields, a Map and arrays only from the second
 * one on, and the key is built when read (the table holds transactions by connector, then id).
 */
export class Tx {
  basis: TransactionBasis;
  firstAt: number;
  lastAt: number;
  seen = 0;
  /** The first table seen and its count; `tables` holds the others' once a second table is seen. */
  table: string | undefined = undefined;
  tableSeen = 0;
  tables: Map<string, number> | undefined = undefined;
  expected: number | undefined = undefined;
  expectedPerTable: Map<string, number> | undefined = undefined;
  beginTs: number | undefined = undefined;
  endTs: number | undefined = undefined;
  sawBegin = false;
  /** receivedAt of END: the grace period runs from here. */
  endAt: number | undefined = undefined;
  /** The first event's inspector id and order (`total_order` when known, else arrival order after every ordered one). */
  eventId: string | undefined = undefined;
  eventOrder = 0;
  /** The next events', in arrival order. */
  moreIds: string[] | undefined = undefined;
  moreOrders: number[] | undefined = undefined;
  truncated = false;
  judgedIncomplete = false;
  /** Its slot in the one-event pool (single-pool.ts) while it is one of those, else -1. */
  slot = -1;

  constructor(
    /** Creation order: list() breaks ties in lastAt by it, as the one Map in insertion order did. */
    readonly seq: number,
    readonly connector: string,
    readonly id: string,
    basis: TransactionBasis,
    now: number,
  ) {
    this.basis = basis;
    this.firstAt = now;
    this.lastAt = now;
  }

  get key(): string {
    return `${this.connector}|${this.id}`;
  }

  get eventCount(): number {
    return this.eventId === undefined ? 0 : 1 + (this.moreIds?.length ?? 0);
  }

  addEvent(id: string, order: number): void {
    if (this.eventId === undefined) {
      this.eventId = id;
      this.eventOrder = order;
      return;
    }
    (this.moreIds ??= []).push(id);
    (this.moreOrders ??= []).push(order);
  }

  countTable(table: string): void {
    if (this.table === undefined || this.table === table) {
      this.table = table;
      this.tableSeen++;
      return;
    }
    this.tables ??= new Map();
    this.tables.set(table, (this.tables.get(table) ?? 0) + 1);
  }

  seenIn(table: string): number {
    return table === this.table ? this.tableSeen : (this.tables?.get(table) ?? 0);
  }

  tableNames(): string[] {
    return this.table === undefined ? [] : [this.table, ...(this.tables?.keys() ?? [])];
  }

  /** Event ids by order. */
  orderedEventIds(): string[] {
    if (this.eventId === undefined) return [];
    const refs = [{ id: this.eventId, order: this.eventOrder }];
    this.moreIds?.forEach((id, i) => refs.push({ id, order: this.moreOrders?.[i] ?? 0 }));
    return refs.sort((a, b) => a.order - b.order).map((e) => e.id);
  }
}
