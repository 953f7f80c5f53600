/**
 * Eviction by a Map's (or Set's) own order, for the many bounded tables of
 * the pipeline. A Map iterates in insertion order, so its first key is the
 * one inserted longest ago, and deleting a key before setting it again moves
 * it to the newest end. One rule follows from which of the two a table does
 * on a use:
 *
 * - **FIFO** (first in, first out): set a new key with `map.set` and leave
 *   old keys where they are; the first-inserted is evicted first.
 * - **LRU** (least recently used): set or refresh with `setNewest` on every
 *   use (or once a second, for tables touched per event); the least recently
 *   used is evicted first.
 *
 * Either way `trimToSize` evicts from the oldest end. Cost: a Map keeps the
 * holes of deleted entries until it rehashes and its iterator walks them, so
 * finding the oldest after many evictions is O(holes) until the next rehash;
 * cheap for the tables here, which evict rarely or are small. A table that
 * evicts on nearly every insert (lib/transactions/) keeps an order queue of
 * its own instead.
 */

/** The oldest key in insertion order, or undefined when empty. */
export function oldestKey<K>(m: ReadonlyMap<K, unknown> | ReadonlySet<K>): K | undefined {
  const first = m.keys().next();
  return first.done === true ? undefined : first.value;
}

/** The oldest entry in insertion order, or undefined when empty. */
export function oldestEntry<K, V>(m: ReadonlyMap<K, V>): [K, V] | undefined {
  const first = m.entries().next();
  return first.done === true ? undefined : first.value;
}

/** Sets `key` at the newest end, moving it there if present (an LRU use). */
export function setNewest<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/**
 * Evicts from the oldest end until at most `max` keys remain (none when
 * `max` is 0 or less), each evicted key passed to `onEvict`. Returns how many
 * were evicted.
 */
export function trimToSize<K>(m: Map<K, unknown> | Set<K>, max: number, onEvict?: (key: K) => void): number {
  const limit = Math.max(0, max);
  let evicted = 0;
  while (m.size > limit) {
    // The iterator, not oldestKey: a Map's key may itself be undefined.
    const first = m.keys().next();
    if (first.done === true) break;
    m.delete(first.value);
    evicted++;
    onEvict?.(first.value);
  }
  return evicted;
}
