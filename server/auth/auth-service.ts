import '../server-only';
import { parseCookies } from '../../lib/auth/cookies';
import { createLoginThrottle, DEFAULT_THROTTLE, throttleKey } from '../../lib/auth/login-throttle';
import type { Role } from '../../lib/auth/roles';
import { createSessionTable, type Session } from '../../lib/auth/session-table';
import type { AuthConfig } from '../../lib/config/auth-schema';
import { sharedTtlMs } from '../../lib/auth/shared-session';
import { errorMessage } from '../../lib/error-message';
import { randomToken, safeEqual, sha256Hex, verifyPassword } from './password';
import type { SharedSessions } from './shared-sessions';

export const SESSION_COOKIE = 'cdcscope_session';
/** Sessions held at once (about 300 bytes each); past it the least recently used is signed out. */
export const MAX_SESSIONS = 10_000;
/** Sessions one user may hold (browsers, devices); past it that user's least recently used is signed out, nobody else's. */
export const MAX_SESSIONS_PER_USER = 32;
/**
 * In cluster mode, how often a session in use pushes back its expiry in Redis
 * at most: one PEXPIRE a minute per active session rather than one per
 * request, at the price of an idle timeout up to a minute early.
 */
const SHARED_REFRESH_MS = 60_000;

/** Who is asking. With auth off everyone is an anonymous viewer: the demo stays open and read-only. */
export type Principal = {
  user: string | null;
  role: Role;
  via: 'session' | 'token' | 'anonymous';
  /** May replay an event's unmasked original (`unmaskedReplay` in the user's or token's configuration). */
  unmaskedReplay: boolean;
  session?: Session;
};

export type LoginResult =
  { ok: true; session: Session } | { ok: false; status: 401 } | { ok: false; status: 429; retryAfterSeconds: number };

type Headers = { authorization?: string | undefined; cookie?: string | undefined };

/**
 * A well-formed hash of a random password, checked when the username is
 * unknown so that a miss costs the same scrypt time as a wrong password and
 * response times do not reveal which usernames exist.
 */
const DUMMY_HASH = 'scrypt$32768$8$1$sDxVZn58tOps1R0kWiE9iw==$kjQj8zTKTWk0sYLOD2QLwrlUC+UpBo76BTPov4sKn1k=';

export function createAuthService(
  config: AuthConfig,
  deps: {
    now?: () => number;
    sleep?: (ms: number) => Promise<void>;
    /** Cluster mode (issue #14): sessions in Redis, valid on every instance. */
    shared?: SharedSessions;
  } = {},
) {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const { shared } = deps;
  const idleMs = config.sessionIdleMinutes * 60_000;
  const maxAgeMs = config.sessionMaxHours * 3_600_000;
  const sessions = createSessionTable({
    maxSessions: MAX_SESSIONS,
    maxPerUser: MAX_SESSIONS_PER_USER,
    idleMs,
    maxAgeMs,
    now,
  });
  /** Redis key → id of the sessions this instance holds, to drop one signed out elsewhere. */
  const sharedIds = new Map<string, string>();
  /** When each held session last pushed back its expiry in Redis. */
  const refreshed = new WeakMap<Session, number>();
  void shared
    ?.subscribe((key) => {
      const id = sharedIds.get(key);
      sharedIds.delete(key);
      if (id !== undefined) sessions.delete(id);
    })
    .catch((err: unknown) => console.error(`cdcscope: sessions: cannot subscribe to sign-outs: ${errorMessage(err)}`));
  const throttle = createLoginThrottle({ ...DEFAULT_THROTTLE, now });
  const users = new Map(config.users.map((u) => [u.username.toLowerCase(), u]));

  const unmaskedFor = (user: string, role: Role) =>
    role === 'operator' && (users.get(user.toLowerCase())?.unmaskedReplay ?? false);

  function byToken(token: string): Principal | null {
    const digest = sha256Hex(token);
    let found: Principal | null = null;
    // Every configured token is compared, so the time says nothing about which one (if any) matched.
    for (const t of config.tokens) {
      if (safeEqual(digest, t.sha256.toLowerCase()) && !found)
        found = { user: t.name, role: t.role, via: 'token', unmaskedReplay: t.unmaskedReplay && t.role === 'operator' };
    }
    return found;
  }

  /**
   * The principal behind a request's headers, or null. A bearer token, when
   * sent, decides alone (a bad one is not rescued by a cookie). `touch: false`
   * looks without extending the session (periodic socket re-checks).
   */
  function identify(headers: Headers, options: { touch?: boolean } = {}): Principal | null {
    if (!config.enabled) return { user: null, role: 'viewer', via: 'anonymous', unmaskedReplay: false };
    const auth = headers.authorization;
    if (auth !== undefined) {
      const m = /^Bearer[ ]+(\S+)\s*$/i.exec(auth);
      return m?.[1] ? byToken(m[1]) : null;
    }
    const id = sessionIdFrom(headers.cookie);
    if (!id) return null;
    const session = options.touch === false ? sessions.peek(id) : sessions.touch(id);
    if (session && shared && options.touch !== false) {
      const t = now();
      if (t - (refreshed.get(session) ?? 0) >= Math.min(SHARED_REFRESH_MS, idleMs / 4)) {
        refreshed.set(session, t);
        shared.touch(session);
      }
    }
    return session
      ? {
          user: session.user,
          role: session.role,
          via: 'session',
          unmaskedReplay: unmaskedFor(session.user, session.role),
          session,
        }
      : null;
  }

  async function login(username: string, password: string, ip: string): Promise<LoginResult> {
    // Counted before the password is checked, and held in flight until answered (issue #17.3).
    const gate = throttle.begin(throttleKey(username, ip), ip);
    if (!gate.allowed) return { ok: false, status: 429, retryAfterSeconds: Math.ceil(gate.retryAfterMs / 1000) };
    const { ticket } = gate;
    try {
      const user = users.get(username.trim().toLowerCase());
      const valid = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
      if (!user || !valid) {
        await sleep(ticket.failed());
        return { ok: false, status: 401 };
      }
      ticket.succeeded();
      const session = sessions.create({
        id: randomToken(),
        user: user.username,
        role: user.role,
        csrfToken: randomToken(),
      });
      if (shared) {
        // Not signed in at all rather than signed in on this instance only (SessionStoreUnavailable: 503).
        await shared.save(session).catch((err: unknown) => {
          sessions.delete(session.id);
          throw err;
        });
        sharedIds.set(shared.keyOf(session.id), session.id);
        refreshed.set(session, session.createdAt);
      }
      return { ok: true, session };
    } finally {
      ticket.release();
    }
  }

  /**
   * Cluster mode: brings the request's session from Redis when this instance
   * does not hold it (it was signed in on another, or idled out here while
   * used there), so the synchronous `identify` that follows finds it.
   */
  async function prepare(headers: Headers): Promise<void> {
    if (!shared || !config.enabled || headers.authorization !== undefined) return;
    const id = sessionIdFrom(headers.cookie);
    if (!id || sessions.peek(id)) return;
    const found = await shared.load(id);
    const t = now();
    if (!found || sharedTtlMs(found.createdAt, t, idleMs, maxAgeMs) <= 0) return;
    const session = sessions.adopt({ ...found, id, lastSeen: t });
    sharedIds.set(shared.keyOf(id), id);
    refreshed.set(session, t);
  }

  return {
    enabled: config.enabled,
    identify,
    prepare,
    login,
    /**
     * Ends a session here and, in cluster mode, on every instance. Redis is told
     * first: when it cannot be (SessionStoreUnavailable), the session stays as
     * it was on every instance, so the sign-out can be tried again rather than
     * holding on this instance only.
     */
    async logout(sessionId: string): Promise<void> {
      if (shared) {
        await shared.remove(sessionId);
        sharedIds.delete(shared.keyOf(sessionId));
      }
      sessions.delete(sessionId);
    },
    csrfValid: (session: Session, header: string | undefined) =>
      header !== undefined && safeEqual(header, session.csrfToken),
    sweep() {
      sessions.sweep();
      for (const [key, id] of sharedIds) if (!sessions.peek(id)) sharedIds.delete(key);
    },
    close: () => shared?.close(),
    get sessionCount() {
      return sessions.size;
    },
  };
}

export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  return parseCookies(cookieHeader).get(SESSION_COOKIE) || undefined;
}

export type AuthService = ReturnType<typeof createAuthService>;
