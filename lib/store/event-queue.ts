import type { ByteRing } from './byte-ring';
import type { StoredEvent } from './event-store-view';

/** A position in seq order; `event` is dropped on eviction so the record is freed at once, not at compaction. */
export interface Slot {
  seq: number;
  event: StoredEvent | null;
}

/** Oldest first from `head`; slots before `head` are gone. Shifting is O(1) with occasional compaction. */
export interface Queue {
  items: (Slot | undefined)[];
  head: number;
  /** What the store counts for the queue's events, and for a table's queue its ring's capacity. */
  bytes: number;
  /** A table's raw bytes of events decoded on read (stored-event.ts), made on the first such event. */
  ring?: ByteRing;
}

export function compact(q: Queue): void {
  if (q.head > 1024 && q.head * 2 > q.items.length) {
    q.items = q.items.slice(q.head);
    q.head = 0;
  }
}

/** Index of the newest slot with seq < `below` in items[head..], or head - 1 when none. Slots are in seq order. */
export function lastIndexBelow(items: Queue['items'], head: number, below: number): number {
  let lo = head;
  let hi = items.length - 1;
  let found = head - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid]?.seq ?? Infinity) < below) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
