'use client';

import { useEffect } from 'react';
import type { Room } from '@/lib/contracts/socket-events';
import { roomKey } from './realtime-bridge';
import { useRealtime } from './socket-provider';

/**
 * Joins a Socket.IO room while the calling component is mounted. Pushes for
 * the room go straight into the query cache (see `createRealtimeBridge`), so
 * read them with the matching `useQuery`. Pass null to join nothing.
 */
export function useRoom(room: Room | null): void {
  const bridge = useRealtime();
  const key = room ? roomKey(room) : null;
  useEffect(() => {
    if (!room) return;
    return bridge.acquire(room);
    // The room is identified by its key; a new object for the same room must not rejoin.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `room`
  }, [bridge, key]);
}
