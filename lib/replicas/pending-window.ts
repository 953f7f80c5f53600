/**
 * Events waiting for their copy from the other side, stored column-wise in
 * typed arrays indexed by a slot number, with a Map from id to slot. A JS
 * object per entry would cost ~250 bytes with its boxed doubles; this layout
 * costs ~50 bytes of columns plus the Map entry and the id string (see
 * bench/replica-pairing.ts for the measured figure). Columns grow by doubling
 * up to `maxEntries`, so an idle pair holds a few KB.
 *
 * Map insertion order is arrival order. Two live iterators over the Map (the
 * language keeps them valid across inserts and deletes) walk it once: one
 * finds the oldest entry (eviction, expiry), the other marks entries overdue
 * when they pass the grace period, so neither rescans entries it has passed.
 */
export const FREE = 0;
export const FRESH = 1;
export const OVERDUE = 2;

/** First allocation; doubles up to maxEntries. */
const INITIAL_CAPACITY = 1_024;

export interface PendingColumns {
  ids: string[];
  /** 0 = side A, 1 = side B. */
  side: Uint8Array;
  state: Uint8Array;
  /** Content fingerprint (53-bit integer). */
  fp: Float64Array;
  /** Tracker clock when the copy arrived. */
  at: Float64Array;
  table: Uint32Array;
  /** Index into OPS. */
  op: Uint8Array;
  /** Kafka partition, or −1 for sequence-numbered brokers. */
  partition: Int32Array;
  offset: Float64Array;
  /** The key's canonical JSON is `ids[slot].slice(keyEnd − keyLen, keyEnd)`. */
  keyEnd: Uint16Array;
  keyLen: Uint16Array;
  /** Slot in the copy ring holding the record (for diffs), or −1. */
  copy: Int32Array;
  /** 1 when the id takes occurrence ordinals (`#n`): its base is `ids[slot].slice(0, keyEnd)`. */
  ordinal: Uint8Array;
  /** Bumped on every reuse of a slot, so a remembered (slot, gen) can be checked for staleness. */
  gen: Uint32Array;
}

export interface PendingWindow {
  /** Reassigned when the window grows: read it again after `add`. */
  readonly cols: PendingColumns;
  readonly size: number;
  readonly maxEntries: number;
  readonly freshCount: number;
  /** Slot of `id`, or −1. */
  get(id: string): number;
  /** Adds a FRESH entry and returns its slot; the caller fills the columns. The caller keeps `size < maxEntries`. */
  add(id: string, at: number): number;
  remove(slot: number): void;
  /** Slot of the oldest entry, or −1 when empty. */
  oldest(): number;
  /** Marks FRESH entries that arrived `graceMs` or more before `now` OVERDUE, oldest first, calling `onOverdue` for each. */
  markOverdue(now: number, graceMs: number, onOverdue: (slot: number) => void): void;
  /** Bytes held by the columns (not the Map or the id strings). */
  columnBytes(): number;
}

function allocate(capacity: number, from?: PendingColumns): PendingColumns {
  const grow = <T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(
    next: T,
    old: T | undefined,
  ): T => {
    if (old !== undefined) next.set(old);
    return next;
  };
  const ids = from?.ids ?? [];
  while (ids.length < capacity) ids.push('');
  return {
    ids,
    side: grow(new Uint8Array(capacity), from?.side),
    state: grow(new Uint8Array(capacity), from?.state),
    fp: grow(new Float64Array(capacity), from?.fp),
    at: grow(new Float64Array(capacity), from?.at),
    table: grow(new Uint32Array(capacity), from?.table),
    op: grow(new Uint8Array(capacity), from?.op),
    partition: grow(new Int32Array(capacity), from?.partition),
    offset: grow(new Float64Array(capacity), from?.offset),
    keyEnd: grow(new Uint16Array(capacity), from?.keyEnd),
    keyLen: grow(new Uint16Array(capacity), from?.keyLen),
    copy: grow(new Int32Array(capacity), from?.copy),
    ordinal: grow(new Uint8Array(capacity), from?.ordinal),
    gen: grow(new Uint32Array(capacity), from?.gen),
  };
}

export function createPendingWindow(maxEntries: number): PendingWindow {
  const max = Math.max(1, Math.floor(maxEntries));
  let capacity = Math.min(INITIAL_CAPACITY, max);
  let cols = allocate(capacity);
  const map = new Map<string, number>();
  /** Free slots, used as a stack. */
  let free = new Int32Array(capacity);
  let freeTop = 0;
  for (let s = capacity - 1; s >= 0; s--) free[freeTop++] = s;
  let freshCount = 0;

  // Held position of each live iterator: the entry it returned last and has not finished with.
  let oldestIt: IterableIterator<[string, number]> | undefined;
  let oldestId = '';
  let oldestSlot = -1;
  let oldestGen = 0;
  let frontIt: IterableIterator<[string, number]> | undefined;
  let frontId = '';
  let frontSlot = -1;
  let frontGen = 0;

  const live = (id: string, slot: number, gen: number) => map.get(id) === slot && cols.gen[slot] === gen;

  function grow(): void {
    const next = Math.min(max, capacity * 2);
    cols = allocate(next, cols);
    const f = new Int32Array(next);
    f.set(free.subarray(0, freeTop));
    free = f;
    for (let s = next - 1; s >= capacity; s--) free[freeTop++] = s;
    capacity = next;
  }

  return {
    get cols() {
      return cols;
    },
    get size() {
      return map.size;
    },
    maxEntries: max,
    get freshCount() {
      return freshCount;
    },

    get: (id) => map.get(id) ?? -1,

    add(id, at) {
      // Ids are built by concatenation: a tree of cons strings (~225 bytes for a 40-character id). Reading
      // a character makes V8 flatten it into one sequential string (~60 bytes) before it is kept.
      id.charCodeAt(0);
      if (freeTop === 0) grow();
      const slot = free[--freeTop] ?? 0;
      cols.ids[slot] = id;
      cols.state[slot] = FRESH;
      cols.at[slot] = at;
      cols.gen[slot] = (cols.gen[slot] ?? 0) + 1;
      map.set(id, slot);
      freshCount++;
      return slot;
    },

    remove(slot) {
      const id = cols.ids[slot] ?? '';
      if (map.get(id) !== slot) return;
      map.delete(id);
      if (cols.state[slot] === FRESH) freshCount--;
      cols.state[slot] = FREE;
      cols.ids[slot] = '';
      free[freeTop++] = slot;
    },

    oldest() {
      for (;;) {
        if (oldestSlot >= 0 && live(oldestId, oldestSlot, oldestGen)) return oldestSlot;
        oldestSlot = -1;
        if (map.size === 0) return -1;
        oldestIt ??= map.entries();
        const n = oldestIt.next();
        if (n.done === true) {
          // Only after the map ran empty: a new iterator starts at the new first entry.
          oldestIt = undefined;
          continue;
        }
        [oldestId, oldestSlot] = n.value;
        oldestGen = cols.gen[oldestSlot] ?? 0;
      }
    },

    markOverdue(now, graceMs, onOverdue) {
      while (freshCount > 0) {
        if (frontSlot < 0) {
          frontIt ??= map.entries();
          const n = frontIt.next();
          if (n.done === true) {
            // Cannot happen while fresh entries exist after the iterator; restart next time rather than spin.
            frontIt = undefined;
            return;
          }
          [frontId, frontSlot] = n.value;
          frontGen = cols.gen[frontSlot] ?? 0;
        }
        const slot = frontSlot;
        if (!live(frontId, slot, frontGen) || cols.state[slot] !== FRESH) {
          frontSlot = -1;
          continue;
        }
        if (now - (cols.at[slot] ?? 0) < graceMs) return;
        cols.state[slot] = OVERDUE;
        freshCount--;
        frontSlot = -1;
        onOverdue(slot);
      }
    },

    columnBytes() {
      const c = cols;
      return (
        c.side.byteLength +
        c.state.byteLength +
        c.fp.byteLength +
        c.at.byteLength +
        c.table.byteLength +
        c.op.byteLength +
        c.partition.byteLength +
        c.offset.byteLength +
        c.keyEnd.byteLength +
        c.keyLen.byteLength +
        c.copy.byteLength +
        c.ordinal.byteLength +
        c.gen.byteLength +
        free.byteLength +
        c.ids.length * 8
      );
    },
  };
}
