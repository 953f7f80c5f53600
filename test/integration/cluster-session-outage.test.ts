import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { authSchema } from '../../lib/config/auth-schema';
import { createAuthService, type AuthService } from '../../server/auth/auth-service';
import { hashPassword } from '../../server/auth/password';
import { createSharedSessions } from '../../server/auth/shared-sessions';
import { apiHarness, ORIGIN, type HarnessRes } from '../support/api-harness';
import { freePort, PrivateRedis } from '../support/private-redis';
import { waitFor } from '../support/stack-env';

/**
 * Issue #14, sessions while Redis is away: two instances' auth services on a
 * redis-server of the test's own, which the test kills and starts again (the
 * machine's Redis is never touched). A sign-in or sign-out that cannot reach
 * every instance is refused with 503 and a fixed text, never a 500 and never
 * Redis's address.
 */
const run = `itso${Date.now()}`;
const connections: Redis[] = [];
const services: AuthService[] = [];
/** What the services logged (server side only). */
const logged: string[] = [];
let config: ReturnType<typeof authSchema.parse>;
let redis: PrivateRedis;

function instance(url: string) {
  // The options server/main.ts gives its cluster connection.
  const conn = new Redis(url, { maxRetriesPerRequest: 2 });
  conn.on('error', () => undefined);
  connections.push(conn);
  const shared = createSharedSessions({
    redis: conn,
    name: run,
    idleMs: 30 * 60_000,
    maxAgeMs: 12 * 3_600_000,
    onError: (m) => logged.push(m),
  });
  const auth = createAuthService(config, { sleep: async () => undefined, shared });
  services.push(auth);
  return apiHarness(auth);
}

const signIn = (call: ReturnType<typeof apiHarness>) =>
  call('/api/login', { method: 'POST', headers: { origin: ORIGIN }, body: { username: 'olga', password: 'olga-pw' } });
const signOut = (call: ReturnType<typeof apiHarness>, cookie: string, csrf: string) =>
  call('/api/logout', { method: 'POST', headers: { cookie, origin: ORIGIN, 'x-csrf-token': csrf } });
const me = async (call: ReturnType<typeof apiHarness>, cookie: string) =>
  (await call('/api/me', { headers: { cookie } })).body.user;
const cookieOf = (r: HarnessRes) => (r.headers['set-cookie'] ?? '').split(';')[0] ?? '';

/**
 * Waits until `n` instances listen for sign-outs on this Redis: a sign-out is
 * a pub/sub message, and one published while an instance is still
 * reconnecting never reaches it (its copy then lasts until it idles out).
 */
async function listening(url: string, n: number) {
  const r = new Redis(url);
  connections.push(r);
  await waitFor(
    `${n} instances listening for sign-outs`,
    async () => {
      const [, count] = (await r.pubsub('NUMSUB', `cdcscope:${run}:session-ended`)) as [string, number];
      return count >= n;
    },
    15_000,
    50,
  );
}

function expectUnavailable(r: HarnessRes, port: number) {
  expect(r.status).toBe(503);
  expect(r.body).toEqual({ error: 'session store unavailable; try again shortly' });
  expect(r.headers['retry-after']).toBe('5');
  expect(r.headers['set-cookie']).toBeUndefined();
  const text = JSON.stringify(r);
  expect(text).not.toContain(String(port));
  expect(text).not.toMatch(/redis|127\.0\.0\.1|ECONNREFUSED/i);
}

beforeAll(async () => {
  config = authSchema.parse({
    enabled: true,
    users: [{ username: 'olga', passwordHash: await hashPassword('olga-pw', { N: 1024 }), role: 'operator' }],
  });
  redis = await PrivateRedis.start();
});
afterAll(async () => {
  for (const s of services) s.close();
  for (const c of connections) c.disconnect();
  await redis.kill();
});

describe('sessions while Redis is unreachable (issue #14)', () => {
  it('sign-in and sign-out answer 503 while Redis is down, leave every session as it was, and work once it is back', async () => {
    const x = instance(redis.url);
    const y = instance(redis.url);
    const first = await signIn(x);
    expect(first.status).toBe(200);
    const cookie = cookieOf(first);
    const csrf = first.body.csrfToken as string;

    await redis.kill();
    const startedAt = Date.now();
    expectUnavailable(await signIn(y), redis.port);
    expectUnavailable(await signOut(x, cookie, csrf), redis.port);
    // Refused quickly, not after a hang.
    expect(Date.now() - startedAt).toBeLessThan(10_000);
    // The refused sign-out changed nothing: still signed in where the session was held.
    expect(await me(x, cookie)).toBe('olga');
    // The reason is in the server's log.
    expect(logged.some((m) => m.startsWith('cannot store a session'))).toBe(true);
    expect(logged.some((m) => m.startsWith('cannot end a session'))).toBe(true);

    await redis.start();
    const again = await waitFor(
      'sign-in works again',
      async () => {
        const r = await signIn(y);
        return r.status === 200 ? r : undefined;
      },
      15_000,
      250,
    );
    expect(await me(x, cookieOf(again))).toBe('olga');
    // The sign-out retried now ends the session everywhere: x's sign-out subscription is back too.
    await listening(redis.url, 2);
    expect((await signOut(y, cookie, csrf)).status).toBe(200);
    await waitFor('x drops the session', async () => (await me(x, cookie)) === null, 10_000, 100);
  });

  it('an instance started while Redis was unreachable refuses sign-in with 503, then hears sign-outs once Redis is there', async () => {
    const port = await freePort();
    const late = instance(`redis://127.0.0.1:${port}`);
    expectUnavailable(await signIn(late), port);
    const other = await PrivateRedis.start(port);
    try {
      const elsewhere = instance(other.url);
      const r = await waitFor(
        'sign-in works on the late instance',
        async () => {
          const a = await signIn(late);
          return a.status === 200 ? a : undefined;
        },
        15_000,
        250,
      );
      const cookie = cookieOf(r);
      expect(await me(elsewhere, cookie)).toBe('olga');
      await listening(other.url, 2);
      expect((await signOut(elsewhere, cookie, r.body.csrfToken as string)).status).toBe(200);
      await waitFor('the late instance drops the session', async () => (await me(late, cookie)) === null, 10_000, 100);
    } finally {
      await other.kill();
    }
  });
});
