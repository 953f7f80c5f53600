import { eventListItemSchema, type EventListItem } from '../contracts/event-view';

const answerSchema = eventListItemSchema.array();

/**
 * A table's recent events as the whole cluster read them (issue #14): this
 * instance's own list and the other instances' answers to "your recent events
 * of this table" (server/realtime/cluster-events.ts), one list. Each instance
 * reads its own partitions, so a table page opened on an instance that owns
 * none of the table's partitions has only the others' events to show. An
 * answer that is not an event list (another version, a corrupted message) is
 * left out rather than failing the page. Union by id, ordered by receive time
 * (newest last, ties in arrival order), the newest `cap` kept.
 */
export function mergePeerEvents(
  own: readonly EventListItem[],
  answers: readonly unknown[],
  cap: number,
): EventListItem[] {
  const byId = new Map<string, EventListItem>();
  for (const e of own) byId.set(e.id, e);
  for (const answer of answers) {
    const parsed = answerSchema.safeParse(answer);
    if (!parsed.success) continue;
    for (const e of parsed.data) if (!byId.has(e.id)) byId.set(e.id, e);
  }
  // Array.prototype.sort is stable: events of one millisecond keep their order.
  const all = [...byId.values()].sort((a, b) => a.receivedAt - b.receivedAt);
  return all.length > cap ? all.slice(all.length - cap) : all;
}
