import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { EventListItem } from '@/lib/contracts/event-view';
import type { Room } from '@/lib/contracts/socket-events';
import { createRealtimeBridge, FLUSH_INTERVAL_MS, mergeEvents, roomKey, type AppSocket } from './realtime-bridge';
import { OVERVIEW_RESYNC_MS } from './overview-sync';

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

describe('overview deltas and what the list shows (issue #12)', () => {
  /** Just the parts of a Socket.IO client the bridge uses: handlers by event, and what it emitted. */
  function fakeSocket() {
    const handlers = new Map<string, (x: unknown) => void>();
    const emitted: [string, unknown][] = [];
    const s = {
      connected: true,
      active: true,
      on: (e: string, h: (x: unknown) => void) => handlers.set(e, h),
      off: () => undefined,
      io: { on: () => undefined, off: () => undefined },
      emit: (e: string, x: unknown) => emitted.push([e, x]),
    };
    return { socket: s as unknown as AppSocket, push: (e: string, x: unknown) => handlers.get(e)?.(x), emitted };
  }
  const push = (full: boolean, seq: number) => ({ at: 1, full, seq, sources: [], tables: [], removed: [] });

  it('asks for a full push once when a delta number is skipped, and again only after a while', () => {
    vi.useFakeTimers();
    try {
      const bridge = createRealtimeBridge(new QueryClient());
      const { socket, push: deliver, emitted } = fakeSocket();
      const release = bridge.acquire({ kind: 'overview' });
      bridge.attach(socket);
      const resyncs = () => emitted.filter(([e, x]) => e === 'subscribe' && (x as Room).kind === 'overview').length;
      const joined = resyncs();
      deliver('overview', push(true, 7));
      deliver('overview', push(false, 8));
      deliver('overview', push(false, 9));
      expect(resyncs()).toBe(joined);
      deliver('overview', push(false, 11));
      deliver('overview', push(false, 13));
      expect(resyncs()).toBe(joined + 1);
      deliver('overview', push(true, 13));
      // Another loss soon after is healed only once OVERVIEW_RESYNC_MS has passed.
      deliver('overview', push(false, 15));
      expect(resyncs()).toBe(joined + 1);
      vi.advanceTimersByTime(OVERVIEW_RESYNC_MS);
      deliver('overview', push(false, 16));
      expect(resyncs()).toBe(joined + 2);
      release();
      bridge.detach();
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells the server what rows are drawn at most every 250 ms, and nothing when they did not change', () => {
    vi.useFakeTimers();
    try {
      const bridge = createRealtimeBridge(new QueryClient());
      const { socket, emitted } = fakeSocket();
      bridge.attach(socket);
      const sent = () => emitted.filter(([e]) => e === 'overview-visible').map(([, x]) => x);
      bridge.showOverviewRows(['a', 'b']);
      bridge.showOverviewRows(['b', 'c']);
      vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
      bridge.showOverviewRows(['b', 'c']);
      vi.advanceTimersByTime(FLUSH_INTERVAL_MS);
      expect(sent()).toEqual([['b', 'c']]);
      bridge.detach();
    } finally {
      vi.useRealTimers();
    }
  });
});
