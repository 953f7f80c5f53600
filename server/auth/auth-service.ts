import '../server-only';
import { parseCookies } from '../../lib/auth/cookies';
import { createLoginThrottle, DEFAULT_THROTTLE, throttleKey } from '../../lib/auth/login-throttle';
import type { Role } from '../../lib/auth/roles';
import { createSessionTable, type Session } from '../../lib/auth/session-table';
import type { AuthConfig } from '../../lib/config/auth-schema';
import { randomToken, safeEqual, sha256Hex, verifyPassword } from './password';

export const SESSION_COOKIE = 'cdcscope_session';
/** Sessions held at once (about 300 bytes each); past it the least recently used is signed out. */
export const MAX_SESSIONS = 10_000;
/** Sessions one user may hold (browsers, devices); past it that user's least recently used is signed out, nobody else's. */
export const MAX_SESSIONS_PER_USER = 32;

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
  deps: { now?: () => number; sleep?: (ms: number) => Promise<void> } = {},
) {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const sessions = createSessionTable({
    maxSessions: MAX_SESSIONS,
    maxPerUser: MAX_SESSIONS_PER_USER,
    idleMs: config.sessionIdleMinutes * 60_000,
    maxAgeMs: config.sessionMaxHours * 3_600_000,
    now,
  });
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
      return {
        ok: true,
        session: sessions.create({ id: randomToken(), user: user.username, role: user.role, csrfToken: randomToken() }),
      };
    } finally {
      ticket.release();
    }
  }

  return {
    enabled: config.enabled,
    identify,
    login,
    logout: (sessionId: string) => sessions.delete(sessionId),
    csrfValid: (session: Session, header: string | undefined) =>
      header !== undefined && safeEqual(header, session.csrfToken),
    sweep: () => sessions.sweep(),
    get sessionCount() {
      return sessions.size;
    },
  };
}

export function sessionIdFrom(cookieHeader: string | undefined): string | undefined {
  return parseCookies(cookieHeader).get(SESSION_COOKIE) || undefined;
}

export type AuthService = ReturnType<typeof createAuthService>;
