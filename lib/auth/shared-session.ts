import { z } from 'zod';
import { ROLES } from './roles';
import type { Session } from './session-table';

/**
 * A session as cluster mode (issue #14) keeps it in Redis, so a user signed
 * in on one instance is signed in on all. The id is not in the value: the key
 * holds its SHA-256, so whoever reads Redis holds no cookie to sign in with.
 * Parsed with this schema on the way back: Redis is a boundary.
 */
export const sharedSessionSchema = z.object({
  user: z.string().min(1).max(128),
  role: z.enum(ROLES),
  csrfToken: z.string().min(1).max(256),
  createdAt: z.number(),
});
export type SharedSession = z.infer<typeof sharedSessionSchema>;

export const toShared = (s: Session): SharedSession => ({
  user: s.user,
  role: s.role,
  csrfToken: s.csrfToken,
  createdAt: s.createdAt,
});

/**
 * How long Redis keeps a session from now: the idle time (every use pushes it
 * back) but never past sign-in plus the maximum age. Redis's expiry is the
 * cluster's idle clock, so no instance's local `lastSeen` has to be shared.
 * 0: the session is over.
 */
export function sharedTtlMs(createdAt: number, now: number, idleMs: number, maxAgeMs: number): number {
  return Math.max(0, Math.min(idleMs, createdAt + maxAgeMs - now));
}
