import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { parseEventQuery } from '../../lib/contracts/inspector';
import type { DashboardState } from '../realtime/dashboard-state';

type Reply = { status: number; body: unknown };
type Route = { pattern: RegExp; handle: (params: string[], search: URLSearchParams) => Reply };

const ok = (body: unknown): Reply => ({ status: 200, body });
const notFound = (what: string): Reply => ({ status: 404, body: { error: `${what} not found` } });
const badRequest = (error: string): Reply => ({ status: 400, body: { error } });

/**
 * The JSON API and `/metrics`, served by the custom server before Next sees
 * the request: plain functions over the dashboard state, no framework routing.
 */
export function createApiHandler(state: DashboardState, metrics: Registry, info: { startedAt: number; version: string }) {
  const routes: Route[] = [
    {
      pattern: /^\/api\/healthz$/,
      handle: () => {
        const sources = state.sources();
        const live = sources.filter((s) => s.status.type === 'live').length;
        return ok({ status: 'ok', version: info.version, uptimeSeconds: Math.round((Date.now() - info.startedAt) / 1000), sources: { total: sources.length, live } });
      },
    },
    { pattern: /^\/api\/sources$/, handle: () => ok(state.sources()) },
    { pattern: /^\/api\/tables$/, handle: () => ok(state.tables().tables) },
    {
      pattern: /^\/api\/tables\/([^/]+)$/,
      handle: ([key = '']) => {
        const detail = state.table(key);
        return detail ? ok(detail) : notFound(`table ${key}`);
      },
    },
    {
      pattern: /^\/api\/tables\/([^/]+)\/events$/,
      handle: ([key = '']) => (state.table(key) ? ok(state.tableEvents(key)) : notFound(`table ${key}`)),
    },
    {
      // Event inspector: filters in the query string (lib/contracts/inspector.ts), newest first, masked.
      pattern: /^\/api\/events$/,
      handle: (_params, search) => {
        const parsed = parseEventQuery(search);
        if (!parsed.ok) return badRequest(parsed.error);
        const result = state.events(parsed.query);
        return result.ok ? ok(result.page) : badRequest(result.error);
      },
    },
    {
      pattern: /^\/api\/events\/([^/]+)$/,
      handle: ([id = '']) => {
        const detail = state.event(id);
        return detail ? ok(detail) : notFound(`event ${id}`);
      },
    },
    { pattern: /^\/api\/lag\/consumers$/, handle: () => ok(state.lag()) },
    { pattern: /^\/api\/replicas$/, handle: () => ok({ pairs: state.replicas(), suggestions: state.replicaSuggestions() }) },
    {
      pattern: /^\/api\/replicas\/([^/]+)$/,
      handle: ([pairId = '']) => {
        const pair = state.replicaPair(pairId);
        return pair ? ok(pair) : notFound(`replica pair ${pairId}`);
      },
    },
    {
      pattern: /^\/api\/replicas\/([^/]+)\/([^/]+)$/,
      handle: ([pairId = '', table = '']) => {
        const pair = state.replicaPair(pairId);
        if (!pair) return notFound(`replica pair ${pairId}`);
        const stats = pair.tables.find((t) => t.table === table);
        if (!stats) return notFound(`table ${table} in replica pair ${pairId}`);
        const mine = <T extends { table: string }>(items: T[]) => items.filter((e) => e.table === table);
        return ok({ pairId, table: stats, onlyInA: mine(pair.onlyInA), onlyInB: mine(pair.onlyInB), divergentPairs: mine(pair.divergentPairs) });
      },
    },
  ];

  const send = (res: ServerResponse, { status, body }: Reply) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(JSON.stringify(body));
  };

  /** Returns true when it handled the request. */
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== '/metrics' && !path.startsWith('/api/')) return false;
    if (req.method !== 'GET') {
      send(res, { status: 405, body: { error: 'method not allowed' } });
      return true;
    }
    if (path === '/metrics') {
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(await metrics.metrics());
      return true;
    }
    for (const route of routes) {
      const m = route.pattern.exec(path);
      if (!m) continue;
      let params: string[];
      try {
        params = m.slice(1).map((p) => decodeURIComponent(p ?? ''));
      } catch {
        send(res, badRequest('malformed path parameter'));
        return true;
      }
      send(res, route.handle(params, url.searchParams));
      return true;
    }
    send(res, notFound(path));
    return true;
  };
}
