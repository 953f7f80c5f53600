import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { Registry } from 'prom-client';
import type { AuthService } from '../../server/auth/auth-service';
import { createApiHandler } from '../../server/http/api';
import type { Reply, Route, StreamReply } from '../../server/http/route';
import type { DashboardState } from '../../server/pipeline/dashboard-state';

/** The Host every harness request is sent to, and its same-site Origin. */
export const HOST = 'dash.test:3000';
export const ORIGIN = `http://${HOST}`;

export type HarnessRes = { status: number; headers: Record<string, string>; body: Record<string, unknown> };
export type HarnessReq = { method?: string; headers?: Record<string, string>; body?: unknown; ip?: string };

const emptyState = { sources: () => [], tables: () => ({ tables: [], version: 0 }) } as unknown as DashboardState;

/**
 * The API handler driven in memory (no socket): a request is a readable body
 * plus headers and a peer address; the reply is collected from writeHead/end.
 */
export function apiHarness(auth: AuthService, extraRoutes: Route[] = [], state: DashboardState = emptyState) {
  const api = createApiHandler(state, new Registry(), { startedAt: 0, version: 'test' }, { auth, extraRoutes });
  return async function call(
    url: string,
    { method = 'GET', headers = {}, body, ip = '10.0.0.1' }: HarnessReq = {},
  ): Promise<HarnessRes> {
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    const req = Object.assign(Readable.from(text ? [Buffer.from(text)] : []), {
      url,
      method,
      headers: {
        host: HOST,
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      socket: { remoteAddress: ip },
    });
    const out: HarnessRes = { status: 0, headers: {}, body: {} };
    const res = {
      headersSent: false,
      writableEnded: false,
      writeHead(s: number, h: Record<string, string> = {}) {
        out.status = s;
        out.headers = h;
        return res;
      },
      end(b?: string) {
        out.body =
          b && out.headers['content-type']?.startsWith('application/json')
            ? (JSON.parse(b) as Record<string, unknown>)
            : { text: b ?? '' };
      },
      on: () => res,
    };
    if (!(await api(req as unknown as IncomingMessage, res as unknown as ServerResponse)))
      throw new Error(`${url} was not handled by the API`);
    return out;
  };
}

/**
 * The API handler with `extraRoutes` on a real HTTP server on a free
 * loopback port (streamed answers need a socket); close `server` afterwards.
 */
export async function serveApi(
  state: DashboardState,
  extraRoutes: Route[],
  { startedAt = 0, version = 'test' }: { startedAt?: number; version?: string } = {},
): Promise<{ server: Server; base: string; port: number }> {
  const api = createApiHandler(state, new Registry(), { startedAt, version }, { extraRoutes });
  const server = createServer((req, res) => void api(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { server, base: `http://127.0.0.1:${port}`, port };
}

/** Everything a streamed answer writes, collected in memory (no socket): its NDJSON text for ndjsonLines. */
export async function streamedText(reply: StreamReply, signal = new AbortController().signal): Promise<string> {
  let text = '';
  const res = Object.assign(new EventEmitter(), {
    writableEnded: false,
    destroyed: false,
    write: (chunk: string) => ((text += chunk), true),
  });
  await reply.stream(res as unknown as ServerResponse, signal);
  return text;
}

/** An NDJSON answer's lines through the contract's parser; a line it refuses becomes an error line naming it. */
export function ndjsonLines<L>(
  text: string,
  parse: (line: string) => L | undefined,
): (L | { type: 'error'; error: string })[] {
  return text
    .trim()
    .split('\n')
    .map((l) => parse(l) ?? { type: 'error' as const, error: `bad line ${l}` });
}

/**
 * GET `path` from a route table in memory, as the API would dispatch it
 * (the first route whose pattern matches, its groups as params): the JSON
 * reply. No route, or a streamed answer, fails the test.
 */
export async function getRoute(routes: readonly Route[], path: string, search = new URLSearchParams()): Promise<Reply> {
  for (const route of routes) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const reply = await route.handle(match.slice(1), search, {
      req: undefined as never,
      principal: null,
      body: undefined,
    });
    if ('stream' in reply) throw new Error('unexpected stream');
    return reply;
  }
  throw new Error(`no route for ${path}`);
}
