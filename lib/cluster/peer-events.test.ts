import { describe, expect, it } from 'vitest';
import type { EventListItem } from '../contracts/event-view';
import { mergePeerEvents } from './peer-events';

const TABLE = 'pg.inventory.customers';
const event = (n: number, receivedAt: number): EventListItem => ({
  id: `k:${TABLE}/0:${n}`,
  sourceId: 'k',
  channel: `${TABLE}/0`,
  position: String(n),
  receivedAt,
  kind: 'change',
  tableKey: TABLE,
  op: 'c',
  sizeBytes: 10,
});

describe('mergePeerEvents', () => {
  it("shows the owner's events on an instance that read none of the table", () => {
    const owner = [event(1, 100), event(2, 200)];
    expect(mergePeerEvents([], [owner], 10).map((e) => e.position)).toEqual(['1', '2']);
  });

  it('merges several answers with the own list by receive time, each event once', () => {
    const own = [event(5, 150)];
    const a = [event(1, 100), event(2, 200)];
    const b = [event(2, 200), event(3, 120)];
    expect(mergePeerEvents(own, [a, b], 10).map((e) => e.position)).toEqual(['1', '3', '5', '2']);
  });

  it('keeps the newest `cap`', () => {
    const a = [event(1, 100), event(2, 200), event(3, 300)];
    expect(mergePeerEvents([event(4, 50)], [a], 2).map((e) => e.position)).toEqual(['2', '3']);
  });

  it('leaves out an answer that is not an event list, keeps the rest', () => {
    const broken = [{ id: 'x', receivedAt: 'soon' }];
    expect(mergePeerEvents([], [broken, null, 'no', [event(1, 100)]], 10).map((e) => e.position)).toEqual(['1']);
  });

  it('keeps events of one millisecond in arrival order', () => {
    const a = [event(1, 100), event(2, 100), event(3, 100)];
    expect(mergePeerEvents([], [a], 10).map((e) => e.position)).toEqual(['1', '2', '3']);
  });
});
