import '../server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { csrfRefusal, isSafeMethod, originVerdict } from '../../lib/auth/origin';
import { PUBLIC_API_PATHS } from '../../lib/auth/paths';
import { roleAllows } from '../../lib/auth/roles';
import { AUTH_DISABLED } from '../../lib/config/auth-schema';
import { schemeOf } from '../auth/auth-http';
import { createAuthService, type AuthService } from '../auth/auth-service';
import type { DashboardState } from '../pipeline/dashboard-state';
import { createAuthRoutes } from './auth-routes';
import { BodyError, readJsonBody } from './body';
import { prepareEarlyReply } from './early-reply';
import { createEventsRoutes } from './events-routes';
import { createHealthRoutes, type ServerInfo } from './health-routes';
import { createLagRoutes } from './lag-routes';
import { createReplicasRoutes } from './replicas-routes';
import { badRequest, notFound, type Reply, type Route, type StreamReply } from './route';
import { createTablesRoutes } from './tables-routes';
import { createTransactionsRoutes } from './transactions-routes';
import { createSchemaRoutes } from './schema-routes';
import { safeErrorText } from '../../lib/redact';

/**
 * The JSON API and `/metrics`, served by the custom server before Next sees
 * the request: plain functions over the dashboard state, no framework routing.
 * This file only assembles the route table from the `*-routes.ts` groups and
 * dispatches: authentication, method, CSRF and role checks, body, reply.
 */
export function createApiHandler(
  state: DashboardState,
  metrics: Registry,
  info: ServerInfo,
  options: { auth?: AuthService; extraRoutes?: Route[] } = {},
) {
  const auth = options.auth ?? createAuthService(AUTH_DISABLED);
  // First match wins: the extra routes come before the core groups, so one may replace a core route of the same path.
  const routes: Route[] = [
    ...createAuthRoutes(auth),
    ...(options.extraRoutes ?? []),
    ...createHealthRoutes(state, info),
    ...createTablesRoutes(state),
    ...createEventsRoutes(state),
    ...createLagRoutes(state),
    ...createReplicasRoutes(state),
    ...createTransactionsRoutes(state),
    ...createSchemaRoutes(state),
  ];

  const send = (res: ServerResponse, { status, body, headers }: Reply) => {
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      ...headers,
    });
    res.end(JSON.stringify(body));
  };
  const stream = async (res: ServerResponse, reply: StreamReply) => {
    res.writeHead(reply.status, {
      'content-type': 'application/x-ndjson; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    try {
      await reply.stream(res, aborted.signal);
    } catch (err) {
      // Headers are gone: the error becomes the stream's last line.
      if (!res.writableEnded) res.write(`${JSON.stringify({ type: 'error', error: safeErrorText(err) })}\n`);
    }
    res.end();
  };
  /**
   * HEAD on a streaming route: its headers, and the stream started with a
   * signal that aborts at once, so whatever the handler took (a seek slot)
   * is given back without reading anything.
   */
  const headOfStream = async (res: ServerResponse, reply: StreamReply) => {
    res.writeHead(reply.status, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
    const stop = new AbortController();
    setImmediate(() => stop.abort());
    await reply.stream(res, stop.signal).catch(() => undefined);
    res.end();
  };
  /** Every JSON answer goes through here: one sent before the request's body was read to its end closes the connection. */
  const answer = async (req: IncomingMessage, res: ServerResponse, reply: Reply) => {
    const early = await prepareEarlyReply(req);
    send(res, { ...reply, headers: { ...reply.headers, ...early } });
    return true;
  };
  const refuse = (req: IncomingMessage, res: ServerResponse, status: number, error: string) =>
    answer(req, res, { status, body: { error } });
  /** 405 with the methods the path does take (RFC 9110 §15.5.6). */
  const notAllowed = (req: IncomingMessage, res: ServerResponse, allow: string) =>
    answer(req, res, { status: 405, body: { error: 'method not allowed' }, headers: { allow } });
  const allowOf = (method: Route['method']) => ((method ?? 'GET') === 'GET' ? 'GET, HEAD' : (method ?? 'GET'));

  /** Returns true when it handled the request. */
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    if (path !== '/metrics' && !path.startsWith('/api/')) return false;
    // Authentication first, before routing, so an anonymous caller learns nothing about which paths exist.
    // In cluster mode a session signed in on another instance is brought from Redis first.
    await auth.prepare(req.headers);
    const principal = auth.identify(req.headers);
    const open = PUBLIC_API_PATHS.has(path);
    if (!principal && !open) return refuse(req, res, 401, 'authentication required');
    // HEAD is answered as GET; Node's response then sends the headers without the body.
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (path === '/metrics') {
      if (method !== 'GET') return notAllowed(req, res, 'GET, HEAD');
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
    if (!route || !match)
      return method !== 'GET' ? notAllowed(req, res, 'GET, HEAD') : answer(req, res, notFound(path));
    if (method !== (route.method ?? 'GET')) return notAllowed(req, res, allowOf(route.method));
    if (!isSafeMethod(req.method)) {
      const refusal = csrfRefusal({
        method: req.method,
        origin: originVerdict({
          origin: req.headers.origin,
          referer: req.headers.referer,
          host: req.headers.host,
          scheme: schemeOf(req),
        }),
        via: route.signIn
          ? 'none'
          : principal?.via === 'session'
            ? 'session'
            : principal?.via === 'token'
              ? 'token'
              : 'none',
        csrfTokenValid: principal?.session ? auth.csrfValid(principal.session, header(req, 'x-csrf-token')) : false,
      });
      if (refusal) return refuse(req, res, 403, refusal);
    }
    const waived = route.openWhenAuthOff === true && !auth.enabled;
    if (!open && !waived && !roleAllows(principal?.role, route.role ?? 'viewer'))
      return refuse(req, res, 403, `requires the ${route.role ?? 'viewer'} role`);
    let params: string[];
    try {
      // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- an optional group that did not match is undefined; lib.d.ts says string
      params = match.slice(1).map((p) => decodeURIComponent(p ?? ''));
    } catch {
      return answer(req, res, badRequest('malformed path parameter'));
    }
    let body: unknown;
    if (!isSafeMethod(req.method)) {
      try {
        body = await readJsonBody(req, route.maxBodyBytes);
      } catch (err) {
        if (err instanceof BodyError) return refuse(req, res, err.status, err.message);
        throw err;
      }
    }
    const reply = await route.handle(params, url.searchParams, { req, principal, body });
    if (!('stream' in reply)) return answer(req, res, reply);
    if (req.method === 'HEAD') await headOfStream(res, reply);
    else await stream(res, reply);
    return true;
  };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
