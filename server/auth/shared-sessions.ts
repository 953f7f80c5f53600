import '../server-only';
import type { Redis } from 'ioredis';
import type { Session } from '../../lib/auth/session-table';
import { sharedSessionSchema, sharedTtlMs, toShared, type SharedSession } from '../../lib/auth/shared-session';
import { errorMessage } from '../../lib/error-message';
import { sha256Hex } from './password';

/**
 * Redis could not take a sign-in or a sign-out. Its message is fixed and safe
 * to show: what Redis said (addresses included) goes to the server's log only.
 */
export class SessionStoreUnavailable extends Error {
  constructor(cause: unknown) {
    super('session store unavailable', { cause });
    this.name = 'SessionStoreUnavailable';
  }
}

/**
 * Sessions in Redis for cluster mode (issue #14), under
 * `cdcscope:<name>:session:<sha256 of the id>`, each with a TTL
 * (lib/auth/shared-session.ts), so Redis holds only live sessions and needs no
 * sweeping. Each instance keeps its in-memory table as a cache; a sign-out is
 * published on `cdcscope:<name>:session-ended`, so every instance drops its
 * copy at once instead of honouring it until it idles out.
 */
export function createSharedSessions({
  redis,
  name,
  idleMs,
  maxAgeMs,
  now = Date.now,
  onError = (m) => console.error(`cdcscope: sessions: ${m}`),
}: {
  redis: Redis;
  name: string;
  idleMs: number;
  maxAgeMs: number;
  now?: () => number;
  onError?: (message: string) => void;
}) {
  const prefix = `cdcscope:${name}:`;
  const channel = `${prefix}session-ended`;
  const keyOf = (id: string) => `${prefix}session:${sha256Hex(id)}`;
  let subscriber: Redis | undefined;

  /** Runs a write that a sign-in or sign-out needs; Redis failing becomes SessionStoreUnavailable. */
  async function needed(what: string, write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (err) {
      onError(`cannot ${what}: ${errorMessage(err)}`);
      throw new SessionStoreUnavailable(err);
    }
  }

  async function expire(key: string, ttl: number): Promise<void> {
    if (ttl > 0) await redis.pexpire(key, ttl);
    else await redis.del(key);
  }

  return {
    /** Stores a new session; throws SessionStoreUnavailable when Redis cannot take it (the sign-in then fails). */
    async save(session: Session): Promise<void> {
      const ttl = sharedTtlMs(session.createdAt, now(), idleMs, maxAgeMs);
      await needed('store a session', () =>
        redis.set(keyOf(session.id), JSON.stringify(toShared(session)), 'PX', Math.max(1, ttl)),
      );
    },

    /** The live session with this id, or undefined (unknown, expired, unreadable or Redis down). */
    async load(id: string): Promise<SharedSession | undefined> {
      try {
        const text = await redis.get(keyOf(id));
        if (text === null) return undefined;
        const parsed = sharedSessionSchema.safeParse(JSON.parse(text));
        return parsed.success ? parsed.data : undefined;
      } catch (err) {
        onError(`cannot read a session: ${errorMessage(err)}`);
        return undefined;
      }
    },

    /** The session was used: Redis keeps it another idle period (capped by its maximum age). */
    touch(session: Session): void {
      expire(keyOf(session.id), sharedTtlMs(session.createdAt, now(), idleMs, maxAgeMs)).catch((err: unknown) =>
        onError(`cannot extend a session: ${errorMessage(err)}`),
      );
    },

    /** Ends the session on every instance; throws SessionStoreUnavailable when Redis cannot be told (the sign-out then fails). */
    async remove(id: string): Promise<void> {
      const key = keyOf(id);
      await needed('end a session', async () => {
        await redis.del(key);
        await redis.publish(channel, key);
      });
    },

    /** Calls `ended` with the key of every session signed out anywhere (see `keyOf`). */
    async subscribe(ended: (key: string) => void): Promise<void> {
      // No retry limit on this connection: a subscription asked for while Redis is away waits for it (and
      // ioredis subscribes again after every reconnect) instead of failing once and never hearing a sign-out.
      subscriber ??= redis.duplicate({ maxRetriesPerRequest: null });
      // Connection errors are the sign-in path's to report (SessionStoreUnavailable); this one only reconnects.
      subscriber.on('error', () => undefined);
      subscriber.on('message', (ch: string, key: string) => {
        if (ch === channel) ended(key);
      });
      await subscriber.subscribe(channel);
    },

    keyOf,

    close(): void {
      subscriber?.disconnect();
    },
  };
}

export type SharedSessions = ReturnType<typeof createSharedSessions>;
