import type { DecodedRecord } from '../contracts/change-event';
import { outboxEventIdOf } from '../debezium/outbox-event';
import { trimToSize } from '../bounded-map';
import type { OutboxLinks, StoredEvent } from './event-store-view';

/**
 * Event ids linked between outbox events and the outbox table's row changes:
 * 10,000 event ids, the oldest dropped first, at most 4 inspector ids per
 * side (the table may be watched through several connectors).
 */
const MAX_LINKED_EVENTS = 10_000;
const MAX_LINKS_PER_EVENT = 4;

function outboxIdOf(record: DecodedRecord): string | undefined {
  if (record.kind === 'outbox') return record.eventId;
  return record.kind === 'change' ? outboxEventIdOf(record) : undefined;
}

/** The inspector's index of outbox links, bounded on its own: a link outlives an evicted side, which its broker may still hold. */
export function createOutboxLinks() {
  const linked = new Map<string, { rows: string[]; events: string[] }>();
  return {
    link(record: DecodedRecord, id: string): void {
      const eventId = outboxIdOf(record);
      if (eventId === undefined) return;
      let entry = linked.get(eventId);
      if (entry === undefined) {
        entry = { rows: [], events: [] };
        linked.set(eventId, entry);
        trimToSize(linked, MAX_LINKED_EVENTS);
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
