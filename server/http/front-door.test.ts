import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedHosts } from '../../lib/auth/hosts';
import { createFrontDoor, PRIVATE_NO_STORE } from './front-door';

/** A stand-in for Next.js: it marks pages publicly cacheable, as Next does for static pages. */
function fakeNext(req: { url?: string }, res: import('node:http').ServerResponse) {
  if (req.url === '/via-write-head') {
    res.writeHead(200, { 'Cache-Control': 's-maxage=31536000', 'content-type': 'text/html' });
  } else {
    res.setHeader('Cache-Control', 's-maxage=31536000, stale-while-revalidate');
    res.setHeader('content-type', 'text/html');
  }
  res.end('<html></html>');
}

let server: Server;
let base = '';
beforeAll(async () => {
  const door = createFrontDoor({ allowedHosts: allowedHosts('127.0.0.1', undefined), authEnabled: true, dev: false });
  server = createServer((req, res) => {
    if (!door(req, res)) fakeNext(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe('front door (issue #17.8–9)', () => {
  it('sends the security headers on every answer', async () => {
    const res = await fetch(`${base}/`);
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/unsafe-eval/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('keeps signed-in pages out of every cache, however the framework sets Cache-Control', async () => {
    expect((await fetch(`${base}/tables`)).headers.get('cache-control')).toBe(PRIVATE_NO_STORE);
    expect((await fetch(`${base}/via-write-head`)).headers.get('cache-control')).toBe(PRIVATE_NO_STORE);
    // Public assets keep the framework's caching.
    expect((await fetch(`${base}/_next/static/x.js`)).headers.get('cache-control')).toMatch(/s-maxage/);
  });

  it('refuses a Host it does not know (DNS rebinding) with 421, before anything else', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${base}/api/tables`, { headers: { host: 'rebind.evil.example:3000' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(421);
    expect((await fetch(`${base}/`.replace('127.0.0.1', 'localhost'))).status).toBe(200);
  });
});
