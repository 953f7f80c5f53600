import type { ByteRing } from './byte-ring';
import type { StoredEvent } from './event-store-view';

/**
 * A table's kept events, oldest first from `head`, in seq order; entries before `head` are gone (cleared on
 * eviction, so an evicted record is freed at once, not at compaction). Shifting is O(1) with occasional compaction.
 */
export interface Queue {
  items: (StoredEvent | undefined)[];
  head: number;
  /** What the store counts for the queue's events, and its ring's capacity. */
  bytes: number;
  /** The table's raw bytes of events decoded on read (stored-event.ts), made on the first such event. */
  ring?: ByteRing;
}

export function compact(q: Queue): void {
  if (q.head > 1024 && q.head * 2 > q.items.length) {
    q.items = q.items.slice(q.head);
    q.head = 0;
  }
}

/** Index of the newest event with seq < `below` in items[head..], or head - 1 when none. */
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

/**
 * The queues' events with seq < `below`, newest first, one per call (undefined at the end): a merge of the
 * queues, each already in seq order, through a max-heap of one cursor per queue, so n events of t tables cost
 * n log t. Scans across tables merge at read time rather than keep a second, store-wide order at every add
 * (issue #11: ingest pays for writes, reads are rare). Valid until the queues change.
 */
export function newestFirst(queues: readonly Queue[], below: number): () => StoredEvent | undefined {
  const at: number[] = queues.map((q) => lastIndexBelow(q.items, q.head, below));
  const seqOf = (i: number) => queues[i]?.items[at[i] ?? -1]?.seq ?? -Infinity;
  const heap: number[] = [];
  const swap = (a: number, b: number) => {
    const t = heap[a] as number;
    heap[a] = heap[b] as number;
    heap[b] = t;
  };
  const down = (from: number) => {
    for (let p = from; ;) {
      const l = 2 * p + 1;
      const r = l + 1;
      let top = p;
      if (l < heap.length && seqOf(heap[l] as number) > seqOf(heap[top] as number)) top = l;
      if (r < heap.length && seqOf(heap[r] as number) > seqOf(heap[top] as number)) top = r;
      if (top === p) return;
      swap(p, top);
      p = top;
    }
  };
  queues.forEach((q, i) => {
    if ((at[i] as number) >= q.head) heap.push(i);
  });
  for (let p = (heap.length >> 1) - 1; p >= 0; p--) down(p);
  return () => {
    const i = heap[0];
    if (i === undefined) return undefined;
    const q = queues[i] as Queue;
    const index = at[i] as number;
    const event = q.items[index];
    at[i] = index - 1;
    if (index - 1 < q.head) {
      const last = heap.pop() as number;
      if (heap.length > 0) heap[0] = last;
    }
    down(0);
    return event;
  };
}
