import { request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState } from '../pipeline/dashboard-state';
import { serveApi } from '../../test/support/api-harness';
import type { Route } from './route';

/** HTTP details of the API over a real socket (issue #12): HEAD, Allow. */

let streamed = 0;
let streamAborted = 0;
const routes: Route[] = [
  { pattern: /^\/api\/thing$/, handle: () => ({ status: 200, body: { a: 1 } }) },
  { pattern: /^\/api\/write$/, method: 'POST', handle: () => ({ status: 200, body: {} }) },
  {
    pattern: /^\/api\/stream$/,
    handle: () => ({
      status: 200,
      stream: async (res, signal) => {
        streamed++;
        await new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener('abort', () => r())));
        streamAborted++;
        res.write('{"type":"done"}\n');
      },
    }),
  },
];

let server: Server;
let port = 0;
beforeAll(async () => {
  ({ server, port } = await serveApi({} as DashboardState, routes));
});
afterAll(() => new Promise((r) => server.close(r)));

function call(
  method: string,
  path: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP semantics (issue #12)', () => {
  it('HEAD on a GET route answers as GET, without a body', async () => {
    const get = await call('GET', '/api/thing');
    const head = await call('HEAD', '/api/thing');
    expect(head.status).toBe(200);
    expect(head.headers['content-type']).toBe(get.headers['content-type']);
    expect(head.body).toBe('');
    expect((await call('HEAD', '/metrics')).status).toBe(200);
    expect((await call('HEAD', '/api/nothing')).status).toBe(404);
  });

  it('HEAD on a streaming route starts nothing it keeps: its stream is cancelled at once', async () => {
    const head = await call('HEAD', '/api/stream');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    expect([streamed, streamAborted]).toEqual([1, 1]);
  });

  it('405 says which methods the path takes', async () => {
    const post = await call('POST', '/api/thing');
    expect(post.status).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    const get = await call('GET', '/api/write');
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
    expect((await call('DELETE', '/metrics')).headers.allow).toBe('GET, HEAD');
  });
});
