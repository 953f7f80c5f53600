import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { authSchema } from '../../lib/config/auth-schema';
import { createAuthService, type AuthService } from '../../server/auth/auth-service';
import { socketAuthorizer } from '../../server/auth/auth-http';
import { hashPassword } from '../../server/auth/password';
import { createSharedSessions } from '../../server/auth/shared-sessions';
import { apiHarness, HOST, ORIGIN } from '../support/api-harness';
import { waitFor } from '../support/stack-env';

/**
 * Issue #14, sessions across instances, on the machine's Redis: two auth
 * services (two instances' worth, each its own Redis connections and its own
 * in-memory table) of one deployment.
 */
const redisUrl = process.env.CDCSCOPE_TEST_REDIS ?? 'redis://127.0.0.1:6379';
const run = `its${Date.now()}`;
const IDLE_MINUTES = 30;
const connections: Redis[] = [];
const services: AuthService[] = [];
let config: ReturnType<typeof authSchema.parse>;

function instance(now: () => number = Date.now) {
  const redis = new Redis(redisUrl);
  connections.push(redis);
  const shared = createSharedSessions({
    redis,
    name: run,
    idleMs: IDLE_MINUTES * 60_000,
    maxAgeMs: config.sessionMaxHours * 3_600_000,
  });
  const auth = createAuthService(config, { now, sleep: async () => undefined, shared });
  services.push(auth);
  return { auth, call: apiHarness(auth) };
}

async function signIn(call: ReturnType<typeof apiHarness>) {
  const r = await call('/api/login', {
    method: 'POST',
    headers: { origin: ORIGIN },
    body: { username: 'olga', password: 'olga-pw' },
  });
  expect(r.status).toBe(200);
  return { cookie: (r.headers['set-cookie'] ?? '').split(';')[0] ?? '', csrf: r.body.csrfToken as string };
}

const me = async (call: ReturnType<typeof apiHarness>, cookie: string) =>
  (await call('/api/me', { headers: { cookie } })).body;

beforeAll(async () => {
  config = authSchema.parse({
    enabled: true,
    users: [{ username: 'olga', passwordHash: await hashPassword('olga-pw', { N: 1024 }), role: 'operator' }],
    sessionIdleMinutes: IDLE_MINUTES,
  });
});
afterAll(async () => {
  for (const s of services) s.close();
  const r = new Redis(redisUrl);
  const keys = await r.keys(`cdcscope:${run}:*`);
  if (keys.length) await r.del(...keys);
  r.disconnect();
  for (const c of connections) c.disconnect();
});

describe('sessions across instances (issue #14)', () => {
  it('a user signed in on one instance is signed in on the other, with the same CSRF token', async () => {
    const x = instance();
    const y = instance();
    const { cookie, csrf } = await signIn(x.call);
    expect(await me(y.call, cookie)).toEqual({ authEnabled: true, user: 'olga', role: 'operator', csrfToken: csrf });
    // A made-up cookie is nobody on either.
    expect((await me(y.call, 'cdcscope_session=not-a-session')).user).toBeNull();
  });

  it('keeps in Redis only a hash of the id, with a TTL of the idle time', async () => {
    const x = instance();
    const { cookie } = await signIn(x.call);
    const id = cookie.split('=')[1] ?? '';
    const r = new Redis(redisUrl);
    connections.push(r);
    const keys = await r.keys(`cdcscope:${run}:session:*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.some((k) => k.includes(id))).toBe(false);
    for (const k of keys) {
      expect(await r.get(k)).not.toContain(id);
      const ttl = await r.pttl(k);
      expect(ttl).toBeGreaterThan(IDLE_MINUTES * 60_000 - 60_000);
      expect(ttl).toBeLessThanOrEqual(IDLE_MINUTES * 60_000);
    }
  });

  it('signing out on one instance signs out everywhere at once, sockets included', async () => {
    const x = instance();
    const y = instance();
    const { cookie, csrf } = await signIn(x.call);
    expect((await me(y.call, cookie)).user).toBe('olga');
    const gate = socketAuthorizer(y.auth);
    const socketReq = { headers: { host: HOST, cookie }, socket: {} } as unknown as IncomingMessage;
    expect(gate(socketReq, 'recheck')).toBe(true);
    const out = await y.call('/api/logout', {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'x-csrf-token': csrf },
    });
    expect(out.status).toBe(200);
    // x held the session in memory: the sign-out published through Redis takes it away.
    await waitFor('x drops the session', async () => (await me(x.call, cookie)).user === null, 5_000, 50);
    await y.auth.prepare(socketReq.headers);
    expect(gate(socketReq, 'recheck')).toBe(false);
  });

  it("a session that idled out in one instance's memory, but was used on the other, is still valid there", async () => {
    let yClock = Date.now();
    const x = instance();
    const y = instance(() => yClock);
    const { cookie } = await signIn(x.call);
    expect((await me(y.call, cookie)).user).toBe('olga');
    // Past the idle time on y's clock: y's copy is stale, Redis (kept alive by x) still has it.
    yClock += (IDLE_MINUTES + 1) * 60_000;
    expect(y.auth.identify({ cookie })).toBeNull();
    expect((await me(y.call, cookie)).user).toBe('olga');
  });
});
