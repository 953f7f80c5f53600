import { beforeAll, describe, expect, it } from 'vitest';
import { authSchema, type AuthConfig } from '../../lib/config/auth-schema';
import { apiHarness, ORIGIN } from '../../test/support/api-harness';
import { createAuthService, MAX_SESSIONS_PER_USER } from './auth-service';
import { hashPassword } from './password';

/** Issue #17: what an attacker with a viewer account, or none, tried at the HTTP level. */

let config: AuthConfig;
beforeAll(async () => {
  config = authSchema.parse({
    enabled: true,
    users: [
      { username: 'olga', passwordHash: await hashPassword('olga-pw', { N: 1024 }), role: 'operator' },
      { username: 'vic', passwordHash: await hashPassword('vic-pw', { N: 1024 }), role: 'viewer' },
    ],
  });
});

function setup() {
  const call = apiHarness(createAuthService(config, { sleep: () => new Promise((r) => setTimeout(r, 5)) }));
  const login = (username: string, password: string, headers: Record<string, string> = {}, ip = '10.0.0.9') =>
    call('/api/login', { method: 'POST', headers: { origin: ORIGIN, ...headers }, body: { username, password }, ip });
  return { call, login };
}

describe('login throttle under parallel requests (#17.3)', () => {
  it('60 parallel wrong passwords: at most the limit reach the password check, the rest get 429', async () => {
    const { login } = setup();
    const statuses = (await Promise.all(Array.from({ length: 60 }, () => login('olga', 'guess')))).map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(55);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it('39 wrong and the right password in parallel: the right one is not let in', async () => {
    const { login } = setup();
    const all = await Promise.all([
      ...Array.from({ length: 39 }, () => login('olga', 'guess')),
      login('olga', 'olga-pw'),
    ]);
    expect(all.at(-1)?.status).toBe(429);
    expect(all.filter((r) => r.status === 401)).toHaveLength(1);
  });

  it('many sign-ins by one user do not sign anyone else out', async () => {
    const { call, login } = setup();
    const other = await login('vic', 'vic-pw', {}, '10.0.0.1');
    const cookie = (other.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    for (let i = 0; i < MAX_SESSIONS_PER_USER + 40; i++) expect((await login('olga', 'olga-pw')).status).toBe(200);
    expect((await call('/api/me', { headers: { cookie } })).body).toMatchObject({ user: 'vic' });
  });
});

describe('Origin scheme (#17.9)', () => {
  it('an https Origin is another site for a server reached over http, and the other way round', async () => {
    const { login } = setup();
    expect((await login('vic', 'vic-pw', { origin: ORIGIN.replace('http:', 'https:') })).status).toBe(403);
    expect((await login('vic', 'vic-pw', { origin: ORIGIN, 'x-forwarded-proto': 'https' })).status).toBe(403);
    expect((await login('vic', 'vic-pw', { origin: ORIGIN })).status).toBe(200);
  });
});

describe('signing in again while signed in (#17.9)', () => {
  it('works without a CSRF token, ends the old session, and still refuses a cross-site Origin', async () => {
    const { call, login } = setup();
    const first = await login('vic', 'vic-pw');
    const cookie = (first.headers['set-cookie'] ?? '').split(';')[0] ?? '';
    const again = await login('olga', 'olga-pw', { cookie });
    expect(again.status).toBe(200);
    expect((await call('/api/me', { headers: { cookie } })).body).toMatchObject({ user: null });
    expect((await login('olga', 'olga-pw', { cookie, origin: 'http://evil.example' })).status).toBe(403);
  });
});
