import type { IncomingMessage } from 'node:http';
import { beforeAll, describe, expect, it } from 'vitest';
import { authSchema, AUTH_DISABLED } from '../../lib/config/auth-schema';
import { apiHarness, HOST, ORIGIN } from '../../test/support/api-harness';
import type { Route } from '../http/route';
import { createAuthService, type AuthService } from './auth-service';
import { pageRedirect, socketAuthorizer } from './auth-http';
import { hashPassword, sha256Hex } from './password';

const OPERATOR_TOKEN = 'op-token-0123456789';
const VIEWER_TOKEN = 'viewer-token-0123456789';

/** A write route as replay will declare it: operator only. */
const testRoutes: Route[] = [
  {
    pattern: /^\/api\/test-write$/,
    method: 'POST',
    role: 'operator',
    handle: (_p, _s, { principal, body }) => ({ status: 200, body: { by: principal?.user, body } }),
  },
];

const harness = (auth: AuthService) => apiHarness(auth, testRoutes);

let config: ReturnType<typeof authSchema.parse>;
beforeAll(async () => {
  config = authSchema.parse({
    enabled: true,
    users: [
      { username: 'olga', passwordHash: await hashPassword('olga-pw', { N: 1024 }), role: 'operator' },
      { username: 'vic', passwordHash: await hashPassword('vic-pw', { N: 1024 }), role: 'viewer' },
    ],
    tokens: [
      { name: 'ci', sha256: sha256Hex(OPERATOR_TOKEN), role: 'operator' },
      { name: 'grafana', sha256: sha256Hex(VIEWER_TOKEN).toUpperCase(), role: 'viewer' },
    ],
  });
});

const service = (now = () => Date.now()) => createAuthService(config, { now, sleep: async () => undefined });

async function signIn(call: ReturnType<typeof harness>, username: string, password: string) {
  const r = await call('/api/login', { method: 'POST', headers: { origin: ORIGIN }, body: { username, password } });
  expect(r.status).toBe(200);
  const cookie = r.headers['set-cookie'] ?? '';
  return { cookie: cookie.split(';')[0] ?? '', setCookie: cookie, csrf: r.body.csrfToken as string };
}

describe('auth off (the default)', () => {
  const call = harness(createAuthService(AUTH_DISABLED));
  it('leaves reads open and /api/me says so', async () => {
    expect((await call('/api/tables')).status).toBe(200);
    expect((await call('/metrics')).status).toBe(200);
    expect((await call('/api/me')).body).toEqual({ authEnabled: false, user: null, role: 'viewer' });
  });
  it('stays read-only: operator routes 403, unknown writes 405, login 404', async () => {
    expect((await call('/api/test-write', { method: 'POST', headers: { origin: ORIGIN } })).status).toBe(403);
    expect((await call('/api/tables', { method: 'POST' })).status).toBe(405);
    expect((await call('/api/nothing', { method: 'DELETE' })).status).toBe(405);
    expect((await call('/api/login', { method: 'POST', body: { username: 'a', password: 'b' } })).status).toBe(404);
  });
});

describe('auth on', () => {
  it('answers 401 without credentials, except login, healthz and me', async () => {
    const call = harness(service());
    for (const path of ['/api/tables', '/api/events', '/api/nothing', '/metrics'])
      expect((await call(path)).status, path).toBe(401);
    expect((await call('/api/test-write', { method: 'POST', headers: { origin: ORIGIN } })).status).toBe(401);
    expect((await call('/api/healthz')).status).toBe(200);
    expect((await call('/api/me')).body).toEqual({ authEnabled: true, user: null, role: null });
  });

  it('signs in: httpOnly SameSite=Strict cookie, Secure only over TLS, csrf token; no secrets in /api/me', async () => {
    const call = harness(service());
    const s = await signIn(call, 'Olga', 'olga-pw');
    expect(s.setCookie).toMatch(/^cdcscope_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
    const tls = await call('/api/login', {
      method: 'POST',
      headers: { origin: `https://${HOST}`, 'x-forwarded-proto': 'https' },
      body: { username: 'vic', password: 'vic-pw' },
    });
    expect(tls.headers['set-cookie']).toMatch(/; Secure;/);
    const me = await call('/api/me', { headers: { cookie: s.cookie } });
    expect(me.body).toEqual({ authEnabled: true, user: 'olga', role: 'operator', csrfToken: s.csrf });
    expect((await call('/api/tables', { headers: { cookie: `x=1; ${s.cookie}` } })).status).toBe(200);
    expect((await call('/metrics', { headers: { cookie: s.cookie } })).status).toBe(200);
  });

  it('role routes: 401 anonymous, 403 viewer, 200 operator (session and token)', async () => {
    const call = harness(service());
    const viewer = await signIn(call, 'vic', 'vic-pw');
    const op = await signIn(call, 'olga', 'olga-pw');
    const write = (headers: Record<string, string>) =>
      call('/api/test-write', { method: 'POST', headers: { origin: ORIGIN, ...headers }, body: { x: 1 } });
    expect((await write({})).status).toBe(401);
    expect((await write({ cookie: viewer.cookie, 'x-csrf-token': viewer.csrf })).status).toBe(403);
    const ok = await write({ cookie: op.cookie, 'x-csrf-token': op.csrf });
    expect(ok).toMatchObject({ status: 200, body: { by: 'olga', body: { x: 1 } } });
    expect((await write({ authorization: `Bearer ${VIEWER_TOKEN}` })).status).toBe(403);
    expect(
      (await call('/api/test-write', { method: 'POST', headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })).body,
    ).toMatchObject({ by: 'ci' });
    expect((await call('/api/tables', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
    expect((await call('/api/tables', { headers: { authorization: 'Bearer nope', cookie: op.cookie } })).status).toBe(
      401,
    );
  });

  it('CSRF: token and same Origin required with a session; cross-site form posts refused', async () => {
    const call = harness(service());
    const op = await signIn(call, 'olga', 'olga-pw');
    const post = (headers: Record<string, string>, body: unknown = { x: 1 }) =>
      call('/api/test-write', { method: 'POST', headers: { cookie: op.cookie, ...headers }, body });
    expect((await post({ origin: ORIGIN })).body.error).toMatch(/x-csrf-token/);
    expect((await post({ origin: ORIGIN, 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await post({ 'x-csrf-token': op.csrf })).body.error).toMatch(/Origin/);
    expect((await post({ referer: `${ORIGIN}/inspector`, 'x-csrf-token': op.csrf })).status).toBe(200);
    expect((await post({ origin: 'http://evil.example', 'x-csrf-token': op.csrf })).status).toBe(403);
    // What a cross-site <form method=post> sends: foreign Origin, form content type, no header.
    const form = await post(
      { origin: 'http://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      'x=1',
    );
    expect(form.status).toBe(403);
    expect(
      (
        await call('/api/test-write', {
          method: 'POST',
          headers: { origin: 'http://evil.example', authorization: `Bearer ${OPERATOR_TOKEN}` },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call('/api/login', {
          method: 'POST',
          headers: { origin: 'http://evil.example' },
          body: { username: 'olga', password: 'olga-pw' },
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await call('/api/login', {
          method: 'POST',
          headers: { origin: ORIGIN, 'content-type': 'text/plain' },
          body: '{"username":"olga","password":"olga-pw"}',
        })
      ).status,
    ).toBe(415);
  });

  it('logout ends the session and clears the cookie', async () => {
    const call = harness(service());
    const s = await signIn(call, 'vic', 'vic-pw');
    expect((await call('/api/logout', { method: 'POST', headers: { cookie: s.cookie, origin: ORIGIN } })).status).toBe(
      403,
    );
    const out = await call('/api/logout', {
      method: 'POST',
      headers: { cookie: s.cookie, origin: ORIGIN, 'x-csrf-token': s.csrf },
    });
    expect(out.status).toBe(200);
    expect(out.headers['set-cookie']).toMatch(/^cdcscope_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/);
    expect((await call('/api/tables', { headers: { cookie: s.cookie } })).status).toBe(401);
  });

  it('expires sessions when idle and at the absolute limit', async () => {
    let t = 0;
    const call = harness(service(() => t));
    const s = await signIn(call, 'vic', 'vic-pw');
    t = 59 * 60_000;
    expect((await call('/api/tables', { headers: { cookie: s.cookie } })).status).toBe(200);
    t += 61 * 60_000;
    expect((await call('/api/tables', { headers: { cookie: s.cookie } })).status).toBe(401);
    const busy = await signIn(call, 'vic', 'vic-pw');
    for (let i = 0; i < 14; i++) {
      t += 55 * 60_000;
      const status = (await call('/api/tables', { headers: { cookie: busy.cookie } })).status;
      expect(status).toBe(i < 13 ? 200 : 401); // 13 × 55 min is within 12 h, 14 × 55 is not
    }
  });

  it('rejects bad logins alike, then locks the username+IP pair with 429', async () => {
    const delays: number[] = [];
    const auth = createAuthService(config, { sleep: async (ms) => void delays.push(ms) });
    const call = harness(auth);
    const login = (username: string, password: string, ip = '10.0.0.9') =>
      call('/api/login', { method: 'POST', headers: { origin: ORIGIN }, body: { username, password }, ip });
    expect((await login('nobody', 'x')).body).toEqual({ error: 'invalid username or password' });
    for (let i = 0; i < 5; i++) expect((await login('olga', 'guess')).status).toBe(401);
    expect(delays).toEqual([250, 250, 500, 1000, 2000, 4000]);
    const locked = await login('olga', 'olga-pw');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await login('olga', 'olga-pw', '10.0.0.10')).status).toBe(200);
    expect((await login('olga', 123 as unknown as string)).status).toBe(400);
  });

  it('redirects pages to the login page and gates sockets', async () => {
    const auth = service();
    const call = harness(auth);
    const s = await signIn(call, 'vic', 'vic-pw');
    const req = (url: string, headers: Record<string, string> = {}) =>
      ({ url, headers: { host: HOST, ...headers } }) as unknown as IncomingMessage;
    expect(pageRedirect(auth, req('/tables/a.b?x=1'))).toBe('/login?next=%2Ftables%2Fa.b%3Fx%3D1');
    expect(pageRedirect(auth, req('/lag?_rsc=abc&z=2'))).toBe('/login?next=%2Flag%3Fz%3D2');
    expect(pageRedirect(auth, req('/login?next=/x'))).toBeNull();
    expect(pageRedirect(auth, req('/_next/static/chunks/main.js'))).toBeNull();
    expect(pageRedirect(auth, req('/', { cookie: s.cookie }))).toBeNull();
    expect(pageRedirect(createAuthService(AUTH_DISABLED), req('/'))).toBeNull();
    // Sign-in off: the login page would be a form that cannot work; the overview says why.
    expect(pageRedirect(createAuthService(AUTH_DISABLED), req('/login?next=/lag'))).toBe('/?note=auth-off');
    const gate = socketAuthorizer(auth);
    expect(gate(req('/socket.io/'), 'handshake')).toBe(false);
    expect(gate(req('/socket.io/', { cookie: s.cookie }), 'handshake')).toBe(true);
    expect(gate(req('/socket.io/', { cookie: s.cookie, origin: 'http://evil.example' }), 'handshake')).toBe(false);
    expect(gate(req('/socket.io/', { authorization: `Bearer ${VIEWER_TOKEN}` }), 'recheck')).toBe(true);
    await auth.logout(s.cookie.split('=')[1] ?? '');
    expect(gate(req('/socket.io/', { cookie: s.cookie }), 'recheck')).toBe(false);
  });
});
