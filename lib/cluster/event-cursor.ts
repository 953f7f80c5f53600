/**
 * Where a table room's event pushes stand (issue #14): the newest receive
 * time pushed and the ids pushed at that very millisecond. In cluster mode
 * events go out on every beat, not only when a table's version moves, so
 * "newer than the cursor" must neither skip an event that arrived later in
 * the cursor's millisecond nor send the ones of that millisecond again.
 */
export interface EventCursor {
  at: number;
  ids: ReadonlySet<string>;
}

interface Stamped {
  id: string;
  receivedAt: number;
}

/** The cursor just past `events` (ordered by receive time, newest last), or `prev` when there are none. */
export function cursorAfter(events: readonly Stamped[], prev?: EventCursor): EventCursor {
  const newest = events[events.length - 1];
  if (!newest) return prev ?? { at: 0, ids: new Set() };
  if (prev && prev.at > newest.receivedAt) return prev;
  const ids = new Set(prev && prev.at === newest.receivedAt ? prev.ids : []);
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i];
    if (!e || e.receivedAt !== newest.receivedAt) break;
    ids.add(e.id);
  }
  return { at: newest.receivedAt, ids };
}

/**
 * The events not pushed yet and the cursor after them. Without a cursor
 * nothing is new: the room's first joiner was sent the whole list on joining.
 */
export function takeNewEvents<T extends Stamped>(
  prev: EventCursor | undefined,
  events: readonly T[],
): { events: T[]; cursor: EventCursor } {
  if (!prev) return { events: [], cursor: cursorAfter(events) };
  const fresh = events.filter((e) => e.receivedAt > prev.at || (e.receivedAt === prev.at && !prev.ids.has(e.id)));
  return { events: fresh, cursor: cursorAfter(fresh, prev) };
}
