import { describe, expect, it } from 'vitest';
import type { EventListItem } from '../contracts/event-view';
import { createRecentEvents } from './recent-events';
import { createRing } from './ring';

const item = (n: number): EventListItem => ({ id: `s:t:#${n}`, sourceId: 's', channel: 't', position: `#${n}`, receivedAt: n, kind: 'change', sizeBytes: 1 });

describe('ring', () => {
  it('keeps the newest items, oldest first', () => {
    const r = createRing<number>(3);
    [1, 2, 3, 4, 5].forEach((n) => r.push(n));
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
  });
});

describe('recent events', () => {
  it('bounds events per table and the number of tables', () => {
    const store = createRecentEvents({ perTable: 2, maxTables: 2 });
    store.add('a', item(1));
    store.add('a', item(2));
    store.add('a', item(3));
    expect(store.list('a').map((e) => e.position)).toEqual(['#2', '#3']);
    store.add('b', item(4));
    store.add('a', item(5));
    store.add('c', item(6));
    expect(store.list('b')).toEqual([]);
    expect(store.list('a')).toHaveLength(2);
    expect(store.list('c')).toHaveLength(1);
  });
});
