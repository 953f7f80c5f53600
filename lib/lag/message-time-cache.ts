import { setNewest, trimToSize } from '../bounded-map';

/**
 * Timestamps of messages read at committed offsets, so each offset is read
 * from the broker once: a stopped or stalled group keeps its offset for hours
 * and is polled every few seconds. Keyed (topic, partition, offset): the
 * message's time does not depend on which group waits at it, so two groups at
 * one offset share one read. Bounded: past `max` entries the least recently
 * used goes first.
 */
export interface MessageTimeCache {
  get(topic: string, partition: number, offset: number): number | undefined;
  set(topic: string, partition: number, offset: number, timestamp: number): void;
  readonly size: number;
}

/** Ten thousand (partition, offset) pairs: a few hundred groups of dozens of partitions each, ~1 MB. */
export const DEFAULT_MESSAGE_TIME_ENTRIES = 10_000;

export function createMessageTimeCache(max = DEFAULT_MESSAGE_TIME_ENTRIES): MessageTimeCache {
  const entries = new Map<string, number>();
  const keyOf = (topic: string, partition: number, offset: number) => `${topic}\u0000${partition}\u0000${offset}`;
  return {
    get(topic, partition, offset) {
      const key = keyOf(topic, partition, offset);
      const t = entries.get(key);
      if (t !== undefined) setNewest(entries, key, t);
      return t;
    },
    set(topic, partition, offset, timestamp) {
      const key = keyOf(topic, partition, offset);
      setNewest(entries, key, timestamp);
      trimToSize(entries, max);
    },
    get size() {
      return entries.size;
    },
  };
}
