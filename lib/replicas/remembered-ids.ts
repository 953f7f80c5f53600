/**
 * Ids that left the pending window, remembered for a while in a FIFO ring
 * (bounded by count and age) so that what arrives later is recognised:
 * - MATCHED: a further copy on either side is a duplicate, not a new event;
 * - LOST (waited past maxPendingAgeMs) and EVICTED (pushed out by the
 *   pending limit): a copy from the other side still arriving is a late
 *   match, and a copy from the same side a duplicate.
 * Column layout for the same reason as pending-window.ts.
 */
export const MATCHED = 1;
export const LOST = 2;
export const EVICTED = 3;

const INITIAL_CAPACITY = 1_024;

export interface RememberedColumns {
  ids: string[];
  kind: Uint8Array;
  /** Fingerprint of each side's copy; NaN when that side never delivered one. */
  fpA: Float64Array;
  fpB: Float64Array;
  /** When the first copy arrived (delays of late matches). */
  firstAt: Float64Array;
  /** When it entered the ring (age limit). */
  since: Float64Array;
  table: Uint32Array;
  /** Side of the first copy: 0 = A, 1 = B. */
  firstSide: Uint8Array;
}

export interface RememberedIds {
  readonly cols: RememberedColumns;
  readonly size: number;
  readonly maxEntries: number;
  get(id: string): number;
  /** Adds an entry (dropping the oldest when full) and returns its slot, or −1 when remembering is off. */
  add(id: string, kind: number, now: number): number;
  /** Forgets entries remembered for `maxAgeMs` or longer. */
  expire(now: number, maxAgeMs: number): void;
  columnBytes(): number;
}

function allocate(capacity: number): RememberedColumns {
  return {
    ids: new Array<string>(capacity).fill(''),
    kind: new Uint8Array(capacity),
    fpA: new Float64Array(capacity),
    fpB: new Float64Array(capacity),
    firstAt: new Float64Array(capacity),
    since: new Float64Array(capacity),
    table: new Uint32Array(capacity),
    firstSide: new Uint8Array(capacity),
  };
}

export function createRememberedIds(maxEntries: number): RememberedIds {
  const max = Math.max(0, Math.floor(maxEntries));
  let capacity = Math.min(INITIAL_CAPACITY, max);
  let cols = allocate(capacity);
  const map = new Map<string, number>();
  /** Ring: `head` is the oldest slot, `count` entries follow it. */
  let head = 0;
  let count = 0;

  function dropOldest(): void {
    const id = cols.ids[head] ?? '';
    if (map.get(id) === head) map.delete(id);
    cols.ids[head] = '';
    cols.kind[head] = 0;
    head = (head + 1) % capacity;
    count--;
  }

  /** Doubles the ring, laying entries out from slot 0 (slot numbers change: the map is rebuilt). */
  function grow(): void {
    const next = Math.min(max, capacity * 2);
    const c = allocate(next);
    for (let i = 0; i < count; i++) {
      const from = (head + i) % capacity;
      c.ids[i] = cols.ids[from] ?? '';
      c.kind[i] = cols.kind[from] ?? 0;
      c.fpA[i] = cols.fpA[from] ?? Number.NaN;
      c.fpB[i] = cols.fpB[from] ?? Number.NaN;
      c.firstAt[i] = cols.firstAt[from] ?? 0;
      c.since[i] = cols.since[from] ?? 0;
      c.table[i] = cols.table[from] ?? 0;
      c.firstSide[i] = cols.firstSide[from] ?? 0;
      if (c.ids[i] !== '') map.set(c.ids[i] as string, i);
    }
    cols = c;
    capacity = next;
    head = 0;
  }

  return {
    get cols() {
      return cols;
    },
    get size() {
      return count;
    },
    maxEntries: max,

    get: (id) => map.get(id) ?? -1,

    add(id, kind, now) {
      if (max === 0) return -1;
      if (count === capacity) {
        if (capacity < max) grow();
        else dropOldest();
      }
      const slot = (head + count) % capacity;
      count++;
      cols.ids[slot] = id;
      cols.kind[slot] = kind;
      cols.fpA[slot] = Number.NaN;
      cols.fpB[slot] = Number.NaN;
      cols.since[slot] = now;
      map.set(id, slot);
      return slot;
    },

    expire(now, maxAgeMs) {
      while (count > 0 && now - (cols.since[head] ?? 0) >= maxAgeMs) dropOldest();
    },

    columnBytes() {
      const c = cols;
      return (
        c.kind.byteLength +
        c.fpA.byteLength +
        c.fpB.byteLength +
        c.firstAt.byteLength +
        c.since.byteLength +
        c.table.byteLength +
        c.firstSide.byteLength +
        c.ids.length * 8
      );
    },
  };
}
