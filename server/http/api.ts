import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { csrfRefusal, isSafeMethod, originVerdict } from '../../lib/auth/origin';
import { PUBLIC_API_PATHS } from '../../lib/auth/paths';
import { roleAllows } from '../../lib/auth/roles';
import { AUTH_DISABLED } from '../../lib/config/auth-schema';
import { createAuthService, type AuthService } from '../auth/auth-service';
import { parseEventQuery } from '../../lib/contracts/inspector';
import type { DashboardState } from '../pipeline/dashboard-state';
import { createAuthRoutes } from './auth-routes';
import { BodyError, readJsonBody } from './body';
import { badRequest, notFound, ok, type Reply, type Route, type StreamReply } from './route';

/**
 * The JSON API and `/metrics`, served by the custom server before Next sees
 * the request: plain functions over the dashboard state, no framework routing.
 */
export function createApiHandler(
  state: DashboardState,
  metrics: Registry,
  info: { startedAt: number; version: string },
  options: { auth?: AuthService; extraRoutes?: Route[] } = {},
) {
  const auth = options.auth ?? createAuthService(AUTH_DISABLED);
  const routes: Route[] = [
    ...createAuthRoutes(auth),
    ...(options.extraRoutes ?? []),
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

  const send = (res: ServerResponse, { status, body, headers }: Reply) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff', ...headers });
    res.end(JSON.stringify(body));
  };
  const stream = async (res: ServerResponse, reply: StreamReply) => {
    res.writeHead(reply.status, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    try {
      await reply.stream(res, aborted.signal);
    } catch (err) {
      // Headers are gone: the error becomes the stream's last line.
      if (!res.writableEnded) res.write(`${JSON.stringify({ type: 'error', error: (err as Error).message })}\n`);
    }
    res.end();
  };
  const refuse = (res: ServerResponse, status: number, error: string) => {
    send(res, { status, body: { error } });
    return true;
  };

  /** Returns true when it handled the request. */
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== '/metrics' && !path.startsWith('/api/')) return false;
    // Authentication first, before routing, so an anonymous caller learns nothing about which paths exist.
    const principal = auth.identify(req.headers);
    const open = PUBLIC_API_PATHS.has(path);
    if (!principal && !open) return refuse(res, 401, 'authentication required');
    if (path === '/metrics') {
      if (req.method !== 'GET') return refuse(res, 405, 'method not allowed');
      res.writeHead(200, { 'content-type': metrics.contentType });
      res.end(await metrics.metrics());
      return true;
    }
    let route: Route | undefined;
    let match: RegExpExecArray | null = null;
    for (const r of routes) {
      match = r.pattern.exec(path);
      if (match) {
        route = r;
        break;
      }
    }
    if (!route || !match) return req.method !== 'GET' ? refuse(res, 405, 'method not allowed') : (send(res, notFound(path)), true);
    if (req.method !== (route.method ?? 'GET')) return refuse(res, 405, 'method not allowed');
    if (!isSafeMethod(req.method)) {
      const refusal = csrfRefusal({
        method: req.method,
        origin: originVerdict({ origin: req.headers.origin, referer: req.headers.referer, host: req.headers.host }),
        via: principal?.via === 'session' ? 'session' : principal?.via === 'token' ? 'token' : 'none',
        csrfTokenValid: principal?.session ? auth.csrfValid(principal.session, header(req, 'x-csrf-token')) : false,
      });
      if (refusal) return refuse(res, 403, refusal);
    }
    const waived = route.openWhenAuthOff === true && !auth.enabled;
    if (!open && !waived && !roleAllows(principal?.role, route.role ?? 'viewer')) return refuse(res, 403, `requires the ${route.role ?? 'viewer'} role`);
    let params: string[];
    try {
      params = match.slice(1).map((p) => decodeURIComponent(p ?? ''));
    } catch {
      send(res, badRequest('malformed path parameter'));
      return true;
    }
    let body: unknown;
    if (!isSafeMethod(req.method)) {
      try {
        body = await readJsonBody(req);
      } catch (err) {
        if (err instanceof BodyError) return refuse(res, err.status, err.message);
        throw err;
      }
    }
    const reply = await route.handle(params, url.searchParams, { req, principal, body });
    if ('stream' in reply) await stream(res, reply);
    else send(res, reply);
    return true;
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
