import type { Role } from './roles';
import { setNewest, trimToSize } from '../bounded-map';

export type Session = {
  id: string;
  user: string;
  role: Role;
  /** Echoed in `x-csrf-token` on writes: proof the request came from a page that could read /api/me. */
  csrfToken: string;
  createdAt: number;
  lastSeen: number;
};

export type SessionTableOptions = {
  /** Sessions kept at once; past it the least recently used one is dropped (its user signs in again). */
  maxSessions: number;
  /**
   * Sessions one user may hold; past it that user's least recently used one
   * is dropped. Without it, one account signing in 10,000 times would push
   * every other user's session out of the table (issue #17.3).
   */
  maxPerUser: number;
  /** A session unused this long expires. */
  idleMs: number;
  /** A session expires this long after sign-in however busy it is, so a stolen cookie does not live forever. */
  maxAgeMs: number;
  now: () => number;
};

/**
 * Server-side sessions in memory: the cookie holds only a random id, so
 * signing out or a restart really ends a session. Pure (ids and the clock come
 * from the caller) so expiry is tested without waiting. The Map's insertion
 * order is kept as recency order (a touch re-inserts), so the least recently
 * used session is always the first key.
 */
export function createSessionTable(options: SessionTableOptions) {
  const sessions = new Map<string, Session>();

  const expired = (s: Session, now: number) =>
    now - s.lastSeen > options.idleMs || now - s.createdAt > options.maxAgeMs;

  function sweep(now: number) {
    for (const [id, s] of sessions) if (expired(s, now)) sessions.delete(id);
  }

  return {
    create(fields: { id: string; user: string; role: Role; csrfToken: string }): Session {
      const now = options.now();
      let mine = 0;
      for (const s of sessions.values()) if (s.user === fields.user) mine++;
      // The user's own least recently used sessions first (recency order), so others keep theirs.
      for (const [id, s] of sessions) {
        if (mine < options.maxPerUser) break;
        if (s.user !== fields.user) continue;
        sessions.delete(id);
        mine--;
      }
      if (sessions.size >= options.maxSessions) sweep(now);
      // Room for the new session: the least recently seen go first.
      trimToSize(sessions, options.maxSessions - 1);
      const session: Session = { ...fields, createdAt: now, lastSeen: now };
      setNewest(sessions, fields.id, session);
      return session;
    },

    /** The live session with this id, its idle clock restarted; undefined (and forgotten) once expired. */
    touch(id: string): Session | undefined {
      const s = sessions.get(id);
      if (!s) return undefined;
      const now = options.now();
      sessions.delete(id);
      if (expired(s, now)) return undefined;
      s.lastSeen = now;
      sessions.set(id, s);
      return s;
    },

    /** Like touch, without restarting the idle clock (socket re-checks must not keep a session alive). */
    peek(id: string): Session | undefined {
      const s = sessions.get(id);
      if (!s) return undefined;
      if (!expired(s, options.now())) return s;
      sessions.delete(id);
      return undefined;
    },

    delete(id: string): boolean {
      return sessions.delete(id);
    },

    /** Drops every expired session; cheap enough to run on a timer. */
    sweep: () => sweep(options.now()),

    get size() {
      return sessions.size;
    },
  };
}

export type SessionTable = ReturnType<typeof createSessionTable>;
