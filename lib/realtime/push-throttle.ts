/**
 * When a room whose content has a version gets a push: as soon as its version
 * moves, unless it had one less than `minGapMs` ago, in which case once that
 * gap is over. A change after a quiet spell goes out at the next check instead
 * of waiting for a fixed beat (issue #11, freshness), and a busy room still
 * gets at most one push per gap.
 *
 * Bounded by the rooms the caller asks about: `prune` drops the rooms that are gone.
 */
export interface PushThrottle {
  /** Whether `room`, now at `version`, is due a push at `now`; if so, the push is recorded as made. */
  take(room: string, version: number, now: number): boolean;
  /** Forgets every room `keep` says no to (a room nobody is in any more). */
  prune(keep: (room: string) => boolean): void;
  /** Rooms tracked (for tests and the eviction rule). */
  readonly size: number;
}

export function createPushThrottle(minGapMs: number): PushThrottle {
  const rooms = new Map<string, { version: number; at: number }>();
  return {
    take(room, version, now) {
      const last = rooms.get(room);
      if (last?.version === version) return false;
      if (last && now - last.at < minGapMs) return false;
      rooms.set(room, { version, at: now });
      return true;
    },
    prune(keep) {
      for (const room of rooms.keys()) if (!keep(room)) rooms.delete(room);
    },
    get size() {
      return rooms.size;
    },
  };
}
