/**
 * An append-only ring of byte records in one growable buffer, addressed by a
 * logical offset that never changes: the inspector keeps each kept event's raw
 * bytes here instead of as a string on the JS heap (issue #11). One buffer per
 * table rather than one per event: a copy into memory already held allocates
 * nothing the garbage collector has to trace or promote.
 *
 * Records leave oldest first and only when the owner says so (`release`): the
 * owner's eviction rules decide, and the ring never overwrites a record still
 * in use. An append that does not fit is refused, never made to fit by
 * dropping something behind the owner's back; one longer than the ring could
 * ever hold is counted in `refused`, so the owner can keep it another way.
 *
 * Layout: each record is a 4-byte length then its bytes, contiguous in the
 * buffer. A record that would cross the buffer's end starts again at its
 * beginning; the skipped tail counts as used until the record after it is
 * released. `(offset - origin) % capacity` is where a logical offset lies;
 * growing or shrinking copies the live records to the start of a new buffer
 * and moves `origin`, so offsets handed out stay valid.
 *
 * Growth adds an eighth (at least the first size, so a small ring doubles at
 * first): the owner counts the whole capacity, and doubling left a 500-event
 * table of ~1 KB events (525 KB) a 1 MiB ring. A ring a quarter used halves.
 */
export interface ByteRing {
  /**
   * Stores `first` followed by `second` as one record; its offset, or undefined
   * when it does not fit now (release older records first) or ever (`refused`).
   */
  append(first: Uint8Array, second?: Uint8Array): number | undefined;
  /**
   * The record at an offset `append` returned, as a view of the ring's buffer,
   * valid until the next append or release (copy it to keep it); undefined once
   * released.
   */
  read(offset: number): Uint8Array | undefined;
  /** Releases the record at `offset` and every older one. */
  release(offset: number): void;
  /** Whether a record of `length` bytes would be taken now, growing the ring if it may. */
  fits(length: number): boolean;
  /** Whether a record of `length` bytes fits the ring at its largest, once everything older is released. */
  holds(length: number): boolean;
  /** Bytes of the buffer, reserved whether used or not: what the ring costs. */
  readonly capacity: number;
  /** Bytes between the oldest live record and the next append, headers and skipped tails included. */
  readonly used: number;
  /** Appends refused because the record was longer than the ring at its largest could hold. */
  readonly refused: number;
}

export interface ByteRingOptions {
  /** Bytes reserved at first, so that a table with a few events holds a few KiB. */
  initialBytes: number;
  /** Largest buffer: growth stops there. */
  maxBytes: number;
}

/** Bytes before each record: its length. */
export const RECORD_HEADER_BYTES = 4;

const EMPTY = new Uint8Array(0);

export function createByteRing({ initialBytes, maxBytes }: ByteRingOptions): ByteRing {
  const least = Math.max(RECORD_HEADER_BYTES, Math.min(initialBytes, maxBytes));
  const most = Math.max(least, maxBytes);
  let buf = new Uint8Array(least);
  let view = new DataView(buf.buffer);
  let origin = 0;
  // Logical offsets: tail is the oldest live byte, head the next record's start.
  let tail = 0;
  let head = 0;
  let refused = 0;

  const at = (offset: number) => (offset - origin) % buf.length;

  /** Bytes an append of `size` (header included) takes at the head of a buffer of `cap`, skipped tail included. */
  function taken(size: number, cap: number, o: number): number {
    const p = (head - o) % cap;
    return p + size > cap ? cap - p + size : size;
  }

  function relayout(cap: number): void {
    const next = new Uint8Array(cap);
    const used = head - tail;
    const p = at(tail);
    const first = Math.min(used, buf.length - p);
    next.set(buf.subarray(p, p + first), 0);
    if (first < used) next.set(buf.subarray(0, used - first), first);
    buf = next;
    view = new DataView(buf.buffer);
    origin = tail;
  }

  /** The capacity an append of `size` needs, or 0 when even the largest ring is short. */
  function capacityFor(size: number): number {
    if (head === tail) origin = head; // empty: start at the buffer's beginning, nothing skipped
    let cap = buf.length;
    // Growing moves the head to `used` in the new buffer, so it is measured there.
    let o = origin;
    while (head - tail + taken(size, cap, o) > cap) {
      if (cap >= most) return 0;
      cap = Math.min(most, cap + Math.max(least, cap >> 3));
      o = tail;
    }
    return cap;
  }

  const holds = (length: number) => RECORD_HEADER_BYTES + length <= most;

  function read(offset: number): Uint8Array | undefined {
    if (offset < tail || offset >= head) return undefined;
    const p = at(offset);
    const length = view.getUint32(p);
    return buf.subarray(p + RECORD_HEADER_BYTES, p + RECORD_HEADER_BYTES + length);
  }

  return {
    append(first, second = EMPTY) {
      const length = first.length + second.length;
      if (!holds(length)) {
        refused++;
        return undefined;
      }
      const size = RECORD_HEADER_BYTES + length;
      const cap = capacityFor(size);
      if (cap === 0) return undefined;
      if (cap !== buf.length) relayout(cap);
      let p = at(head);
      if (p + size > buf.length) {
        head += buf.length - p;
        p = 0;
      }
      const offset = head;
      view.setUint32(p, length);
      buf.set(first, p + RECORD_HEADER_BYTES);
      buf.set(second, p + RECORD_HEADER_BYTES + first.length);
      head += size;
      return offset;
    },
    read,
    release(offset) {
      const record = read(offset);
      if (record === undefined) return;
      tail = offset + RECORD_HEADER_BYTES + record.length;
      // A quarter used: halve, so a table that once had a burst of big events gives the memory back.
      if (buf.length > least && (head - tail) * 4 <= buf.length) relayout(Math.max(least, buf.length >> 1));
    },
    fits: (length) => holds(length) && capacityFor(RECORD_HEADER_BYTES + length) !== 0,
    holds,
    get capacity() {
      return buf.length;
    },
    get used() {
      return head - tail;
    },
    get refused() {
      return refused;
    },
  };
}
