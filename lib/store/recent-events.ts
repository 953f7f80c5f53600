import type { EventListItem } from '../contracts/event-view';
import { createRing, type Ring } from './ring';

/**
 * The last events of each table, for the table page: a ring of `perTable`
 * list items per table (list items carry no row values, so a ring is a few
 * tens of KB), and at most `maxTables` tables, the least recently written
 * dropped first. Undecodable records without a table go under `(undecodable)`.
 */
export interface RecentEvents {
  add(tableKey: string, item: EventListItem): void;
  list(tableKey: string): EventListItem[];
  forget(tableKey: string): void;
}

export const UNDECODABLE_KEY = '(undecodable)';

export function createRecentEvents(options: { perTable: number; maxTables: number }): RecentEvents {
  // Map keeps insertion order; re-inserting on write makes the first key the least recently written.
  const rings = new Map<string, Ring<EventListItem>>();
  return {
    add(tableKey, item) {
      let ring = rings.get(tableKey);
      if (ring) rings.delete(tableKey);
      else ring = createRing(options.perTable);
      rings.set(tableKey, ring);
      ring.push(item);
      if (rings.size > options.maxTables) rings.delete(rings.keys().next().value as string);
    },
    list: (tableKey) => rings.get(tableKey)?.toArray() ?? [],
    forget: (tableKey) => void rings.delete(tableKey),
  };
}
