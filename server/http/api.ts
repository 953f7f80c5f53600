import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import type { DashboardState } from '../realtime/dashboard-state';

/**
 * The JSON API and `/metrics`, served by the custom server before Next sees
 * the request: plain functions over the dashboard state, no framework routing.
 */
export function createApiHandler(state: DashboardState, metrics: Registry, info: { startedAt: number; version: string }) {
  const json = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    res.end(text);
  };
  const notFound = (res: ServerResponse, what: string) => json(res, 404, { error: `${what} not found` });

  /** Returns true when it handled the request. */
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path === '/metrics') {
      if (req.method !== 'GET') return json(res, 405, { error: 'method not allowed' }), true;
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(await metrics.metrics());
      return true;
    }
    if (!path.startsWith('/api/')) return false;
    if (req.method !== 'GET') return json(res, 405, { error: 'method not allowed' }), true;

    if (path === '/api/healthz') {
      const sources = state.sources();
      const live = sources.filter((s) => s.status.type === 'live').length;
      json(res, 200, { status: 'ok', version: info.version, uptimeSeconds: Math.round((Date.now() - info.startedAt) / 1000), sources: { total: sources.length, live } });
      return true;
    }
    if (path === '/api/sources') return json(res, 200, state.sources()), true;
    if (path === '/api/tables') return json(res, 200, state.tables().tables), true;

    const m = /^\/api\/tables\/([^/]+)(\/events)?$/.exec(path);
    if (m) {
      let key: string;
      try {
        key = decodeURIComponent(m[1] ?? '');
      } catch {
        return json(res, 400, { error: 'malformed table key' }), true;
      }
      const detail = state.table(key);
      if (!detail) return notFound(res, `table ${key}`), true;
      json(res, 200, m[2] ? state.tableEvents(key) : detail);
      return true;
    }
    notFound(res, path);
    return true;
  };
}
