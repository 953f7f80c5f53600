import { describe, expect, it } from 'vitest';
import { cursorAfter, takeNewEvents } from './event-cursor';

const ev = (id: string, receivedAt: number) => ({ id, receivedAt });

describe('takeNewEvents', () => {
  it('gives nothing without a cursor, and starts the cursor at the newest event', () => {
    const r = takeNewEvents(undefined, [ev('a', 1), ev('b', 2)]);
    expect(r.events).toEqual([]);
    expect(r.cursor.at).toBe(2);
    expect([...r.cursor.ids]).toEqual(['b']);
  });

  it('gives each event once, beat after beat, even when the buffer is unchanged', () => {
    let cursor = cursorAfter([ev('a', 1)]);
    const buffer = [ev('a', 1), ev('b', 2), ev('c', 3)];
    const first = takeNewEvents(cursor, buffer);
    expect(first.events.map((e) => e.id)).toEqual(['b', 'c']);
    cursor = first.cursor;
    expect(takeNewEvents(cursor, buffer).events).toEqual([]);
  });

  it("sends an event that arrived later in the cursor's own millisecond, and not the ones already sent", () => {
    const first = takeNewEvents(cursorAfter([]), [ev('a', 5), ev('b', 5)]);
    expect(first.events.map((e) => e.id)).toEqual(['a', 'b']);
    const second = takeNewEvents(first.cursor, [ev('a', 5), ev('b', 5), ev('c', 5), ev('d', 6)]);
    expect(second.events.map((e) => e.id)).toEqual(['c', 'd']);
    const third = takeNewEvents(second.cursor, [ev('c', 5), ev('d', 6), ev('e', 6)]);
    expect(third.events.map((e) => e.id)).toEqual(['e']);
    expect([...third.cursor.ids].sort()).toEqual(['d', 'e']);
  });

  it('keeps the cursor when the buffer forgot everything', () => {
    const cursor = cursorAfter([ev('a', 9)]);
    const r = takeNewEvents(cursor, []);
    expect(r.events).toEqual([]);
    expect(r.cursor).toBe(cursor);
  });
});
