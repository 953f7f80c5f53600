import type { DecodedRecord } from '../contracts/change-event';
import { outboxEventIdOf } from '../debezium/outbox-event';
import { oldestEntry, setNewest } from '../bounded-map';
import type { OutboxLinks, StoredEvent } from './event-store-view';

/**
 * Event ids linked between outbox events and the outbox table's row changes:
 * 10,000 event ids, at most 4 inspector ids per side (the table may be
 * watched through several connectors). When full, the oldest entry goes,
 * unless one of its sides is still in the inspector buffer: such an entry is
 * moved to the newest end instead (up to 16 a time, then the oldest goes
 * whatever it holds). Without that rule a catch-up over more than 10,000
 * outbox events thrashed: the outbox topic read first filled the index, the
 * outbox table's rows read after it (the oldest first, their events long
 * evicted) pushed out the entries of the newest events, and the events still
 * in the buffer were shown with no row change at all.
 */
const MAX_LINKED_EVENTS = 10_000;
const MAX_LINKS_PER_EVENT = 4;
const MAX_KEPT_SKIPS = 16;

type Entry = { rows: string[]; events: string[] };

function outboxIdOf(record: DecodedRecord): string | undefined {
  if (record.kind === 'outbox') return record.eventId;
  return record.kind === 'change' ? outboxEventIdOf(record) : undefined;
}

/**
 * The inspector's index of outbox links, bounded on its own: a link outlives an evicted side, which its broker may
 * still hold. `isKept(id)`: is that inspector id still in the buffer?
 */
export function createOutboxLinks(isKept: (id: string) => boolean = () => false, maxEntries = MAX_LINKED_EVENTS) {
  const linked = new Map<string, Entry>();
  const kept = (e: Entry) => e.events.some(isKept) || e.rows.some(isKept);
  function makeRoom(): void {
    let skips = 0;
    while (linked.size > maxEntries) {
      const oldest = oldestEntry(linked);
      if (oldest === undefined) return;
      const [key, entry] = oldest;
      if (skips < MAX_KEPT_SKIPS && kept(entry)) {
        setNewest(linked, key, entry);
        skips++;
      } else linked.delete(key);
    }
  }
  return {
    link(record: DecodedRecord, id: string): void {
      const eventId = outboxIdOf(record);
      if (eventId === undefined) return;
      let entry = linked.get(eventId);
      if (entry === undefined) {
        entry = { rows: [], events: [] };
        linked.set(eventId, entry);
        makeRoom();
      }
      const side = record.kind === 'outbox' ? entry.events : entry.rows;
      if (side.includes(id)) return;
      side.push(id);
      if (side.length > MAX_LINKS_PER_EVENT) side.shift();
    },
    linksOf(e: StoredEvent): OutboxLinks {
      const eventId = outboxIdOf(e.record);
      const entry = eventId === undefined ? undefined : linked.get(eventId);
      if (entry === undefined) return {};
      return e.record.kind === 'outbox' ? { rowChanges: [...entry.rows] } : { events: [...entry.events] };
    },
  };
}
