/**
 * A bounded set of entries shared fairly between connectors: past
 * `capacity`, the entry that joined longest ago *of the connector holding the
 * most* is evicted, so a chatty connector evicts its own entries, never a
 * quieter one's (a quiet connector keeps at least capacity / connectors).
 *
 * Each connector keeps a join-order queue with lazy deletion: `remove` only
 * forgets membership, and stale queue slots are skipped when reached and
 * compacted once a queue holds twice as many as are live. Eviction costs
 * O(connectors) to find the largest (connectors holding entries are at most
 * `capacity`, in practice a handful) plus amortised O(1).
 */
export interface PoolEntry {
  key: string;
  connector: string;
}

interface Queue<T> {
  items: (T | undefined)[];
  head: number;
  live: number;
}

export interface FairPool<T extends PoolEntry> {
  /** Adds `entry` (not already in); returns what was evicted to make room. */
  add(entry: T): T[];
  /** Forgets `entry` if it is in; true if it was. */
  remove(entry: T): boolean;
  has(entry: T): boolean;
  readonly size: number;
}

export function createFairPool<T extends PoolEntry>(capacity: number): FairPool<T> {
  const members = new Set<T>();
  const queues = new Map<string, Queue<T>>();

  function compact(q: Queue<T>) {
    q.items = q.items.slice(q.head).filter((e) => e !== undefined && members.has(e));
    q.head = 0;
  }

  function largest(): Queue<T> | undefined {
    let best: Queue<T> | undefined;
    for (const q of queues.values()) if (best === undefined || q.live > best.live) best = q;
    return best;
  }

  function evictOne(): T | undefined {
    const q = largest();
    if (q === undefined) return undefined;
    while (q.head < q.items.length) {
      const oldest = q.items[q.head];
      q.items[q.head++] = undefined;
      if (oldest !== undefined && members.has(oldest)) {
        members.delete(oldest);
        q.live--;
        if (q.live === 0) queues.delete(oldest.connector);
        else if (q.head > 1024 && q.head * 2 > q.items.length) compact(q);
        return oldest;
      }
    }
    return undefined;
  }

  return {
    add(entry) {
      members.add(entry);
      let q = queues.get(entry.connector);
      if (q === undefined) {
        q = { items: [], head: 0, live: 0 };
        queues.set(entry.connector, q);
      }
      q.items.push(entry);
      q.live++;
      if (q.items.length - q.head > 2 * q.live + 64) compact(q);
      const evicted: T[] = [];
      while (members.size > capacity) {
        const e = evictOne();
        if (e === undefined) break;
        evicted.push(e);
      }
      return evicted;
    },
    remove(entry) {
      if (!members.delete(entry)) return false;
      const q = queues.get(entry.connector);
      if (q !== undefined && --q.live === 0) queues.delete(entry.connector);
      return true;
    },
    has: (entry) => members.has(entry),
    get size() {
      return members.size;
    },
  };
}
