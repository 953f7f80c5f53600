import { describe, expect, it } from 'vitest';
import type { DecodedRecord } from '../contracts/change-event';
import type { StoredEvent } from './event-store-view';
import { createOutboxLinks } from './outbox-links';

// Only the fields the index reads: an outbox event's id, or an outbox table row's id column.
const event = (eventId: string) => ({ kind: 'outbox', eventId }) as unknown as DecodedRecord;
const row = (eventId: string) =>
  ({
    kind: 'change',
    before: null,
    after: { id: eventId, aggregatetype: 'order', aggregateid: '1', type: 'OrderCreated', payload: '{}' },
  }) as unknown as DecodedRecord;
const stored = (record: DecodedRecord) => ({ record }) as StoredEvent;

describe('outbox links', () => {
  it('links an outbox event and its row change both ways, at most 4 ids a side', () => {
    const links = createOutboxLinks();
    links.link(event('e1'), 'ev-1');
    for (let i = 1; i <= 5; i++) links.link(row('e1'), `row-${i}`);
    links.link(row('e1'), 'row-5');
    expect(links.linksOf(stored(event('e1')))).toEqual({ rowChanges: ['row-2', 'row-3', 'row-4', 'row-5'] });
    expect(links.linksOf(stored(row('e1')))).toEqual({ events: ['ev-1'] });
    expect(links.linksOf(stored(event('other')))).toEqual({});
  });

  it('a catch-up longer than the index keeps the links of events still in the buffer, whichever side comes first', () => {
    // One side's topic read whole before the other's, oldest first; the buffer holds the newest 10
    // events and the newest 10 rows; the index holds 20 entries.
    const newest = (prefix: string) => Array.from({ length: 10 }, (_, i) => `${prefix}-${90 + i}`);
    const inBuffer = new Set([...newest('ev'), ...newest('row')]);
    for (const rowsFirst of [false, true]) {
      const links = createOutboxLinks((id) => inBuffer.has(id), 20);
      const readEvents = () => {
        for (let i = 0; i < 100; i++) links.link(event(`e${i}`), `ev-${i}`);
      };
      const readRows = () => {
        for (let i = 0; i < 100; i++) links.link(row(`e${i}`), `row-${i}`);
      };
      if (rowsFirst) readRows();
      readEvents();
      if (!rowsFirst) readRows();
      for (let i = 90; i < 100; i++) {
        expect(links.linksOf(stored(event(`e${i}`)))).toEqual({ rowChanges: [`row-${i}`] });
        expect(links.linksOf(stored(row(`e${i}`)))).toEqual({ events: [`ev-${i}`] });
      }
    }
    // Without knowing the buffer (FIFO alone), the same catch-up loses the newest events' links.
    const fifo = createOutboxLinks(() => false, 20);
    for (let i = 0; i < 100; i++) fifo.link(row(`e${i}`), `row-${i}`);
    for (let i = 0; i < 100; i++) fifo.link(event(`e${i}`), `ev-${i}`);
    expect(fifo.linksOf(stored(event('e95')))).toEqual({ rowChanges: [] });
  });

  it('stays bounded even when every entry is still in the buffer', () => {
    const links = createOutboxLinks(() => true, 20);
    for (let i = 0; i < 1_000; i++) links.link(event(`e${i}`), `ev-${i}`);
    let held = 0;
    for (let i = 0; i < 1_000; i++) if (links.linksOf(stored(event(`e${i}`))).rowChanges !== undefined) held++;
    expect(held).toBe(20);
  });
});
