import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState } from '../pipeline/dashboard-state';
import { serveApi } from '../../test/support/api-harness';
import type { Route } from './route';

/** The route table's two newer features over real HTTP: routes open when auth is off, and streamed (NDJSON) replies. */
const routes: Route[] = [
  {
    pattern: /^\/api\/test\/guarded$/,
    method: 'POST',
    role: 'operator',
    handle: () => ({ status: 200, body: { ok: true } }),
  },
  {
    pattern: /^\/api\/test\/open$/,
    method: 'POST',
    role: 'operator',
    openWhenAuthOff: true,
    handle: (_p, _s, { principal, body }) => ({ status: 200, body: { via: principal?.via, body } }),
  },
  {
    pattern: /^\/api\/test\/big$/,
    method: 'POST',
    role: 'operator',
    openWhenAuthOff: true,
    maxBodyBytes: 64 * 1024,
    handle: (_p, _s, { body }) => ({ status: 200, body: { size: JSON.stringify(body).length } }),
  },
  {
    pattern: /^\/api\/test\/stream$/,
    handle: (_p, search) => ({
      status: 200,
      stream: async (res, signal) => {
        const n = Number(search.get('n') ?? 3);
        for (let i = 0; i < n && !signal.aborted; i++) res.write(`${JSON.stringify({ i })}\n`);
        if (search.has('fail')) throw new Error('broker went away');
      },
    }),
  },
];

let server: Server;
let base = '';
beforeAll(async () => {
  ({ server, base } = await serveApi({} as DashboardState, routes));
});
afterAll(() => new Promise((r) => server.close(r)));

const post = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: '{"x":1}',
  });

describe('route table with auth off', () => {
  it('refuses operator routes to the anonymous viewer…', async () => {
    expect((await post('/api/test/guarded')).status).toBe(403);
  });
  it('…unless the route is flagged open (it then restricts the caller itself), and still refuses cross-site posts', async () => {
    const r = await post('/api/test/open');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ via: 'anonymous', body: { x: 1 } });
    expect((await post('/api/test/open', { origin: 'http://evil.example' })).status).toBe(403);
  });
});

describe('streamed replies', () => {
  it('are NDJSON, one object per line', async () => {
    const r = await fetch(`${base}/api/test/stream?n=3`);
    expect(r.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(
      (await r.text())
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as unknown),
    ).toEqual([{ i: 0 }, { i: 1 }, { i: 2 }]);
  });
  it('end with an error line when the handler throws after the headers were sent', async () => {
    const lines = (await (await fetch(`${base}/api/test/stream?n=1&fail`)).text()).trim().split('\n');
    expect(JSON.parse(lines.at(-1) ?? '')).toEqual({ type: 'error', error: 'broker went away' });
  });
});

describe('body limits', () => {
  // What an edited replay of a Debezium event with schemas looks like: well over the 16 KiB default.
  const big = JSON.stringify({ payload: 'x'.repeat(40_000) });
  const send = (path: string) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: big });
  it('refuse a body over 16 KiB by default', async () => {
    expect((await send('/api/test/open')).status).toBe(413);
  });
  it('read up to the limit a route sets (replay sets 2 MiB + 16 KiB for its 1 MiB payload)', async () => {
    const r = await send('/api/test/big');
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ size: big.length });
  });
});
