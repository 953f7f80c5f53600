import { describe, expect, it } from 'vitest';
import { authSchema } from '../config/auth-schema';
import { configSchema } from '../config/schema';
import { parseCookies, serializeCookie } from './cookies';
import { csrfRefusal, originVerdict } from './origin';
import { isPublicPagePath, loginRedirect, safeNextPath } from './paths';
import { roleAllows } from './roles';
import { parseScryptHash } from './scrypt-format';
import { createSessionTable } from './session-table';

const HASH = 'scrypt$16384$8$1$c2FsdHNhbHRzYWx0c2FsdA==$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g=';

describe('roles', () => {
  it('nests operator over viewer; nobody gets nothing', () => {
    expect(roleAllows('operator', 'viewer')).toBe(true);
    expect(roleAllows('operator', 'operator')).toBe(true);
    expect(roleAllows('viewer', 'viewer')).toBe(true);
    expect(roleAllows('viewer', 'operator')).toBe(false);
    expect(roleAllows(null, 'viewer')).toBe(false);
  });
});

describe('cookies', () => {
  it('parses, first occurrence wins, bad escapes kept raw', () => {
    const c = parseCookies('a=1; b="two"; a=3; bad=%E0%A4%A; noeq; s=x%3Dy');
    expect([...c]).toEqual([
      ['a', '1'],
      ['b', 'two'],
      ['bad', '%E0%A4%A'],
      ['s', 'x=y'],
    ]);
    expect(parseCookies(undefined).size).toBe(0);
  });
  it('serialises the session cookie attributes and refuses injection', () => {
    expect(
      serializeCookie('sid', 'a b;c', { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: 60 }),
    ).toBe('sid=a%20b%3Bc; Path=/; Max-Age=60; HttpOnly; Secure; SameSite=Strict');
    expect(serializeCookie('sid', '', { maxAge: 0 })).toBe('sid=; Max-Age=0');
    expect(() => serializeCookie('a;b', 'x')).toThrow();
    expect(() => serializeCookie('a', 'x', { path: '/;Domain=evil' })).toThrow();
  });
});

describe('origin and CSRF', () => {
  it('compares Origin, then Referer, with the Host header', () => {
    expect(originVerdict({ origin: 'http://dash:3000', host: 'dash:3000', scheme: 'http' })).toBe('same');
    expect(originVerdict({ origin: 'http://DASH:3000', host: 'dash:3000', scheme: 'http' })).toBe('same');
    expect(originVerdict({ origin: 'http://evil.example', host: 'dash:3000', scheme: 'http' })).toBe('cross');
    expect(originVerdict({ origin: 'null', host: 'dash:3000', scheme: 'http' })).toBe('cross');
    expect(originVerdict({ origin: 'http://dash:3000', host: undefined, scheme: 'http' })).toBe('cross');
    expect(originVerdict({ referer: 'http://dash:3000/tables?x', host: 'dash:3000', scheme: 'http' })).toBe('same');
    expect(originVerdict({ referer: 'http://dash:3000.evil.example/', host: 'dash:3000', scheme: 'http' })).toBe(
      'cross',
    );
    expect(originVerdict({ host: 'dash:3000', scheme: 'http' })).toBe('absent');
  });
  it('compares the scheme too (issue #17.9)', () => {
    expect(originVerdict({ origin: 'https://dash:3000', host: 'dash:3000', scheme: 'http' })).toBe('cross');
    expect(originVerdict({ origin: 'http://dash:3000', host: 'dash:3000', scheme: 'https' })).toBe('cross');
    expect(originVerdict({ origin: 'https://dash:3000', host: 'dash:3000', scheme: 'https' })).toBe('same');
  });
  it('refuses writes per the rules; reads pass', () => {
    const base = { method: 'POST', origin: 'same', via: 'session', csrfTokenValid: true } as const;
    expect(csrfRefusal(base)).toBeNull();
    expect(csrfRefusal({ ...base, method: 'GET', origin: 'cross', csrfTokenValid: false })).toBeNull();
    expect(csrfRefusal({ ...base, method: 'HEAD', origin: 'cross' })).toBeNull();
    expect(csrfRefusal({ ...base, csrfTokenValid: false })).toMatch(/x-csrf-token/);
    expect(csrfRefusal({ ...base, origin: 'absent' })).toMatch(/Origin/);
    expect(csrfRefusal({ ...base, origin: 'cross' })).toMatch(/cross-site/);
    expect(csrfRefusal({ ...base, via: 'token', csrfTokenValid: false, origin: 'absent' })).toBeNull();
    expect(csrfRefusal({ ...base, via: 'token', origin: 'cross' })).toMatch(/cross-site/);
    expect(csrfRefusal({ ...base, via: 'none', origin: 'cross' })).toMatch(/cross-site/);
    expect(csrfRefusal({ ...base, via: 'none', origin: 'absent', csrfTokenValid: false })).toBeNull();
  });
});

describe('paths', () => {
  it('keeps redirects on this site', () => {
    expect(safeNextPath('/tables/a.b?x=1')).toBe('/tables/a.b?x=1');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '',
      null,
      '/login',
      '/login?next=/x',
      '/a\nb',
    ])
      expect(safeNextPath(bad)).toBe('/');
    expect(loginRedirect('/lag?x=1')).toBe('/login?next=%2Flag%3Fx%3D1');
    expect(loginRedirect('/')).toBe('/login');
  });
  it('opens only the login page and its assets', () => {
    expect(isPublicPagePath('/login')).toBe(true);
    expect(isPublicPagePath('/_next/static/chunks/a.js')).toBe(true);
    expect(isPublicPagePath('/')).toBe(false);
    expect(isPublicPagePath('/login/../tables')).toBe(false);
    expect(isPublicPagePath('/inspector')).toBe(false);
  });
});

describe('scrypt format', () => {
  it('parses a good hash and explains a bad one', () => {
    expect(parseScryptHash(HASH)).toMatchObject({ N: 16384, r: 8, p: 1 });
    expect(parseScryptHash('plain')).toMatch(/expected scrypt/);
    expect(parseScryptHash(HASH.replace('16384', '1000'))).toMatch(/power of two/);
    expect(parseScryptHash(HASH.replace('16384', String(2 ** 24)))).toMatch(/power of two/);
    expect(parseScryptHash(HASH.replace('$8$', '$99$'))).toMatch(/^r /);
  });
});

describe('session table', () => {
  let t = 0;
  const table = (maxSessions = 3, maxPerUser = 3) =>
    createSessionTable({ maxSessions, maxPerUser, idleMs: 100, maxAgeMs: 250, now: () => t });
  const mk = (id: string) => ({ id, user: 'u', role: 'viewer' as const, csrfToken: `c${id}` });

  it('expires on idle and on absolute age', () => {
    t = 0;
    const s = table();
    s.create(mk('a'));
    t = 90;
    expect(s.touch('a')?.user).toBe('u');
    t = 180;
    expect(s.touch('a')).toBeDefined();
    t = 260; // busy, but past the absolute limit
    expect(s.touch('a')).toBeUndefined();
    s.create(mk('b'));
    t = 361;
    expect(s.peek('b')).toBeUndefined();
    expect(s.size).toBe(0);
  });
  it('peek does not keep a session alive', () => {
    t = 0;
    const s = table();
    s.create(mk('a'));
    t = 80;
    expect(s.peek('a')).toBeDefined();
    t = 101;
    expect(s.touch('a')).toBeUndefined();
  });
  it('is bounded: the least recently used goes first, expired ones before it', () => {
    t = 0;
    const s = table(3);
    s.create(mk('a'));
    s.create(mk('b'));
    s.create(mk('c'));
    s.touch('a');
    s.create(mk('d'));
    expect(s.size).toBe(3);
    expect(s.peek('b')).toBeUndefined();
    expect(s.peek('a')).toBeDefined();
    expect(s.delete('a')).toBe(true);
    expect(s.peek('a')).toBeUndefined();
  });
  it('one user signing in again and again only signs out their own oldest sessions (issue #17.3)', () => {
    t = 0;
    const s = table(100, 2);
    s.create({ ...mk('other'), user: 'olga' });
    for (let i = 0; i < 1_000; i++) s.create(mk(`m${i}`));
    expect(s.peek('other')?.user).toBe('olga');
    expect(s.size).toBe(3);
    expect(s.peek('m999')).toBeDefined();
    expect(s.peek('m998')).toBeDefined();
    expect(s.peek('m997')).toBeUndefined();
  });
});

describe('auth schema', () => {
  it('defaults to off', () => {
    expect(authSchema.parse({})).toEqual({
      enabled: false,
      users: [],
      tokens: [],
      sessionIdleMinutes: 60,
      sessionMaxHours: 12,
    });
  });
  it('validates users and tokens', () => {
    const ok = authSchema.safeParse({
      enabled: true,
      users: [{ username: 'ann', passwordHash: HASH, role: 'operator' }],
      tokens: [{ name: 'ci', sha256: 'a'.repeat(64), role: 'viewer' }],
    });
    expect(ok.success).toBe(true);
    const bad = authSchema.safeParse({
      enabled: true,
      users: [
        { username: 'ann', passwordHash: 'hunter2', role: 'admin' },
        { username: 'ANN', passwordHash: HASH, role: 'viewer' },
      ],
      tokens: [{ name: 'ci', sha256: 'xyz', role: 'viewer' }],
    });
    expect(bad.success).toBe(false);
    const messages = bad.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
    expect(messages).toMatch(/users\.0\.passwordHash: expected scrypt/);
    expect(messages).toMatch(/users\.0\.role/);
    expect(messages).toMatch(/tokens\.0\.sha256/);
    expect(authSchema.safeParse({ enabled: true }).error?.issues[0]?.message).toMatch(/nobody could sign in/);
  });
  it('is part of the configuration, off when absent', () => {
    expect(configSchema.parse({ sources: [{ kind: 'demo' }] }).auth.enabled).toBe(false);
    const cfg = configSchema.parse({
      sources: [{ kind: 'demo' }],
      auth: { enabled: true, tokens: [{ name: 'ci', sha256: 'a'.repeat(64), role: 'operator' }] },
    });
    expect(cfg.auth).toMatchObject({ enabled: true, sessionIdleMinutes: 60, sessionMaxHours: 12 });
    expect(configSchema.safeParse({ sources: [{ kind: 'demo' }], auth: { enabled: true, extra: 1 } }).success).toBe(
      false,
    );
  });
});
