import { describe, expect, it } from 'vitest';
import type { EventListItem } from '@/lib/contracts/event-view';
import { mergeEvents, roomKey } from './realtime-bridge';

const ev = (id: string, receivedAt: number): EventListItem => ({
  id,
  sourceId: 's',
  channel: 'c',
  position: id,
  receivedAt,
  kind: 'change',
  sizeBytes: 10,
});

describe('mergeEvents', () => {
  it('dedupes by id, orders by receive time and caps', () => {
    const prev = [ev('a', 1), ev('b', 2), ev('c', 3)];
    const merged = mergeEvents(prev, [ev('c', 3), ev('d', 4), ev('e', 5)], 4);
    expect(merged.map((e) => e.id)).toEqual(['b', 'c', 'd', 'e']);
  });

  it('sorts when older events arrive after newer ones', () => {
    const merged = mergeEvents([ev('x', 10)], [ev('y', 5), ev('z', 12)], 10);
    expect(merged.map((e) => e.id)).toEqual(['y', 'x', 'z']);
  });
});

describe('roomKey', () => {
  it('keys tables by their full dotted name', () => {
    expect(roomKey({ kind: 'overview' })).toBe('overview');
    expect(roomKey({ kind: 'table', table: 'pg.inventory.orders' })).toBe('table:pg.inventory.orders');
  });
});
