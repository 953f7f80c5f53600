import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { Registry } from 'prom-client';
import type { AuthService } from '../../server/auth/auth-service';
import { createApiHandler } from '../../server/http/api';
import type { Route } from '../../server/http/route';
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
