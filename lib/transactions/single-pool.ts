import type { TransactionBasis } from '../contracts/transactions';
import { Tx } from './tx';

/**
 * The transaction table's one-event transactions (transaction-table.ts),
 * bounded and shared between connectors exactly as lib/transactions/fair-pool.ts
 * does (past `capacity`, the one that joined longest ago *of the connector
 * holding the most* goes), but held in slots of parallel arrays, not as
 * objects. Every MariaDB autocommit change is a transaction of its own, and
 * 2,000 of them kept as Tx objects outlived the young generation: each was
 * copied, promoted and left as old-generation garbage, at the ingest rate.
 *
 * A slot holds a compact transaction (one change: its table, event id and
 * order, when it came), or a Tx once more is known of it (a BEGIN or an END):
 * `keep` turns a compact one into a Tx in the same place of the order.
 * Each connector's join order is a queue of (slot, ticket) with lazy deletion
 * as in fair-pool.ts: a slot is live in the queue while it holds that ticket.
 */
export interface SinglePool {
  /** A new one-change transaction; returns its slot. Call `fit` once the caller knows the slot. */
  addChange(
    seq: number,
    connector: string,
    id: string,
    basis: TransactionBasis,
    at: number,
    table: string,
    eventId: string,
    eventOrder: number,
  ): number;
  /** A new one-event transaction already held as a Tx (one a BEGIN or END began). Call `fit` after. */
  addTx(tx: Tx): void;
  /** Evicts past the capacity, calling `onEvict` for each. */
  fit(): void;
  /** The slot's transaction as a Tx, kept in its place from now on: more is about to be known of it. */
  keep(slot: number): Tx;
  /** The slot's transaction as a Tx, to read (a compact one's is made for the call, not kept). */
  read(slot: number): Tx;
  /** When a compact slot's transaction was last active. */
  lastAt(slot: number): number;
  removeSlot(slot: number): void;
  /** Forgets `tx` if it is in; true if it was. */
  remove(tx: Tx): boolean;
  readonly size: number;
}

interface Queue {
  slots: number[];
  tickets: number[];
  head: number;
  live: number;
}

export function createSinglePool(capacity: number, onEvict: (connector: string, id: string) => void): SinglePool {
  // Per slot. Plain arrays grown on demand: numbers only, so V8 stores them unboxed.
  const tickets: number[] = []; // 0: free
  const seqs: number[] = [];
  const ats: number[] = [];
  const orders: number[] = [];
  const connectors: string[] = [];
  const ids: string[] = [];
  const bases: TransactionBasis[] = [];
  const tables: string[] = [];
  const eventIds: string[] = [];
  const kept: (Tx | undefined)[] = [];
  const free: number[] = [];
  const queues = new Map<string, Queue>();
  let lastTicket = 0;
  let size = 0;

  function take(connector: string, id: string): number {
    let slot = free.pop();
    if (slot === undefined) {
      slot = tickets.length;
      tickets.push(0);
      seqs.push(0);
      ats.push(0);
      orders.push(0);
      connectors.push('');
      ids.push('');
      bases.push('gtid');
      tables.push('');
      eventIds.push('');
      kept.push(undefined);
    }
    const ticket = ++lastTicket;
    tickets[slot] = ticket;
    connectors[slot] = connector;
    ids[slot] = id;
    size++;
    let q = queues.get(connector);
    if (q === undefined) {
      q = { slots: [], tickets: [], head: 0, live: 0 };
      queues.set(connector, q);
    }
    q.slots.push(slot);
    q.tickets.push(ticket);
    q.live++;
    if (q.slots.length - q.head > 2 * q.live + 64) compact(q);
    return slot;
  }

  /** Frees a live slot (its queue entry goes stale). */
  function release(slot: number): void {
    tickets[slot] = 0;
    const tx = kept[slot];
    if (tx !== undefined) {
      tx.slot = -1;
      kept[slot] = undefined;
    }
    ids[slot] = '';
    eventIds[slot] = '';
    free.push(slot);
    size--;
  }

  function compact(q: Queue): void {
    const slots: number[] = [];
    const live: number[] = [];
    for (let i = q.head; i < q.slots.length; i++) {
      const slot = q.slots[i] ?? 0;
      const ticket = q.tickets[i] ?? 0;
      if (tickets[slot] === ticket) {
        slots.push(slot);
        live.push(ticket);
      }
    }
    q.slots = slots;
    q.tickets = live;
    q.head = 0;
  }

  function largest(): Queue | undefined {
    let best: Queue | undefined;
    for (const q of queues.values()) if (best === undefined || q.live > best.live) best = q;
    return best;
  }

  function evictOne(): boolean {
    const q = largest();
    if (q === undefined) return false;
    while (q.head < q.slots.length) {
      const slot = q.slots[q.head] ?? 0;
      const ticket = q.tickets[q.head++] ?? 0;
      if (tickets[slot] !== ticket) continue;
      const connector = connectors[slot] ?? '';
      const id = ids[slot] ?? '';
      release(slot);
      q.live--;
      if (q.live === 0) queues.delete(connector);
      else if (q.head > 1024 && q.head * 2 > q.slots.length) compact(q);
      onEvict(connector, id);
      return true;
    }
    return false;
  }

  function read(slot: number): Tx {
    const held = kept[slot];
    if (held !== undefined) return held;
    // The state a Tx reaches after its first change (transaction-table.ts offerChange).
    const tx = new Tx(seqs[slot] ?? 0, connectors[slot] ?? '', ids[slot] ?? '', bases[slot] ?? 'gtid', ats[slot] ?? 0);
    tx.seen = 1;
    tx.countTable(tables[slot] ?? '');
    tx.addEvent(eventIds[slot] ?? '', orders[slot] ?? 0);
    return tx;
  }

  function removeSlot(slot: number): void {
    if (tickets[slot] === 0) return;
    const connector = connectors[slot] ?? '';
    release(slot);
    const q = queues.get(connector);
    if (q !== undefined && --q.live === 0) queues.delete(connector);
  }

  return {
    addChange(seq, connector, id, basis, at, table, eventId, eventOrder) {
      const slot = take(connector, id);
      seqs[slot] = seq;
      ats[slot] = at;
      orders[slot] = eventOrder;
      bases[slot] = basis;
      tables[slot] = table;
      eventIds[slot] = eventId;
      return slot;
    },
    addTx(tx) {
      const slot = take(tx.connector, tx.id);
      kept[slot] = tx;
      tx.slot = slot;
    },
    fit() {
      while (size > capacity) if (!evictOne()) return;
    },
    keep(slot) {
      const tx = read(slot);
      kept[slot] = tx;
      tx.slot = slot;
      return tx;
    },
    read,
    lastAt: (slot) => ats[slot] ?? 0,
    removeSlot,
    remove(tx) {
      if (tx.slot < 0 || kept[tx.slot] !== tx) return false;
      removeSlot(tx.slot);
      return true;
    },
    get size() {
      return size;
    },
  };
}
