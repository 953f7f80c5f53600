import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState } from '../pipeline/dashboard-state';
import { createApiHandler } from './api';
import { MAX_BODY_BYTES } from './body';
import { DRAIN_MAX_BYTES } from './early-reply';

/**
 * Answers sent before a request's body was read to its end, on a real server
 * and one keep-alive socket, as a client that reuses connections sees them.
 */

let server: Server;
let port = 0;
beforeAll(async () => {
  const api = createApiHandler(
    {} as DashboardState,
    new Registry(),
    { startedAt: 0, version: 'test' },
    {
      extraRoutes: [
        {
          pattern: /^\/api\/test\/echo$/,
          method: 'POST',
          openWhenAuthOff: true,
          handle: (_p, _s, c) => ({ status: 200, body: c.body ?? null }),
        },
        {
          pattern: /^\/api\/test\/guarded$/,
          method: 'POST',
          role: 'operator',
          handle: () => ({ status: 200, body: {} }),
        },
        { pattern: /^\/api\/test\/hello$/, handle: () => ({ status: 200, body: { hello: true } }) },
      ],
    },
  );
  server = createServer((req, res) => void api(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

type Exchange = { responses: { status: number; headers: string }[]; closed: boolean; reset: boolean };

/**
 * Writes `first` and, once its answer is in, `second` on the same socket; collects the answers
 * until the server closes the socket or answered both. Gives up after 4 s: the bug this guards
 * against kept the second request waiting ~6 s for the server's keep-alive timeout.
 */
function exchange(first: string | Buffer, second: string): Promise<Exchange> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    const out: Exchange = { responses: [], closed: false, reset: false };
    let text = '';
    const finish = () => {
      clearTimeout(timer);
      s.destroy();
      resolve(out);
    };
    const timer = setTimeout(finish, 4_000);
    s.on('data', (d: Buffer) => {
      text += d.toString('latin1');
      // Each answer here is small and chunked: it ends with the last-chunk marker.
      let end;
      while ((end = text.indexOf('\r\n0\r\n\r\n')) >= 0) {
        const head = text.slice(0, text.indexOf('\r\n\r\n'));
        out.responses.push({ status: Number(head.split(' ')[1]), headers: head.toLowerCase() });
        text = text.slice(end + 7);
        if (out.responses.length === 1) s.write(second);
        else finish();
      }
    });
    s.on('error', () => (out.reset = true));
    s.on('close', () => {
      out.closed = true;
      finish();
    });
    s.write(first);
  });
}

const post = (path: string, body: string | Buffer, extra = '') =>
  Buffer.concat([
    Buffer.from(
      `POST ${path} HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n${extra}\r\n`,
    ),
    Buffer.from(body),
  ]);
const hello = 'GET /api/test/hello HTTP/1.1\r\nHost: h\r\n\r\n';
const big = (n: number) => `{"a":"${'x'.repeat(n)}"}`;

describe('answers before the body is read', () => {
  it('keeps a connection that read its body whole: the next request on it is answered', async () => {
    const r = await exchange(post('/api/test/echo', '{"x":1}'), hello);
    expect(r.responses.map((x) => x.status)).toEqual([200, 200]);
    expect(r.responses[0]?.headers).toContain('connection: keep-alive');
  });

  it('413 for a body over the limit: Connection: close, and the socket closes instead of hanging', async () => {
    const r = await exchange(post('/api/test/echo', big(200_000)), hello);
    expect(r.responses.map((x) => x.status)).toEqual([413]);
    expect(r.responses[0]?.headers).toContain('connection: close');
    expect(r.closed).toBe(true);
    expect(r.reset).toBe(false);
  });

  it('413 for a body declared larger than what is drained: still answered, then closed', async () => {
    // Only the headers and a little of the declared body are sent: the server must not wait for the rest.
    const head = `POST /api/test/echo HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nContent-Length: ${DRAIN_MAX_BYTES * 4}\r\n\r\n{"a":"`;
    const r = await exchange(head, hello);
    expect(r.responses.map((x) => x.status)).toEqual([413]);
    expect(r.responses[0]?.headers).toContain('connection: close');
    expect(r.closed).toBe(true);
  });

  it('a chunked body over the limit: 413, closed', async () => {
    const chunk = 'x'.repeat(MAX_BODY_BYTES);
    const body = `${chunk.length.toString(16)}\r\n${chunk}\r\n${chunk.length.toString(16)}\r\n${chunk}\r\n0\r\n\r\n`;
    const head =
      'POST /api/test/echo HTTP/1.1\r\nHost: h\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const r = await exchange(head + body, hello);
    expect(r.responses.map((x) => x.status)).toEqual([413]);
    expect(r.responses[0]?.headers).toContain('connection: close');
    expect(r.closed).toBe(true);
  });

  it('refusals before the body is looked at (403 role, 403 cross-site, 405) close the connection too', async () => {
    for (const req of [
      post('/api/test/guarded', big(50_000)),
      post('/api/test/echo', big(50_000), 'Origin: http://evil.example\r\n'),
      post('/api/test/hello', big(50_000)),
    ]) {
      const r = await exchange(req, hello);
      expect(r.responses[0]?.status).toBeGreaterThanOrEqual(403);
      expect(r.responses[0]?.headers).toContain('connection: close');
      expect(r.closed).toBe(true);
      expect(r.reset).toBe(false);
    }
  });
});
