import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Role } from '../../lib/auth/roles';
import type { Principal } from '../auth/auth-service';

/** A JSON answer. */
export type Reply = { status: number; body: unknown; headers?: Record<string, string> };
/**
 * A streamed answer (newline-delimited JSON): the handler writes lines until
 * done; `signal` aborts when the client goes away (a cancel button, a closed tab).
 */
export type StreamReply = { status: number; stream: (res: ServerResponse, signal: AbortSignal) => Promise<void> };
/** What a handler may know about the request: who asks (null only on the public routes) and the parsed JSON body. */
export type RouteContext = { req: IncomingMessage; principal: Principal | null; body: unknown };
/** One entry of the API's route table (`server/http/api.ts`); each `*-routes.ts` file returns a group of them. */
export type Route = {
  pattern: RegExp;
  /** GET when absent. Anything else is a write: it must pass the CSRF checks. */
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** The least role allowed; viewer when absent. With auth off everyone is a viewer, so writes stay refused. */
  role?: Role;
  /**
   * With auth off everyone is an anonymous viewer; a route flagged here is let
   * through anyway and must itself restrict what an anonymous caller may do
   * (replay: only to the demo's own sinks).
   */
  openWhenAuthOff?: boolean;
  /** Largest JSON body read, bytes; `MAX_BODY_BYTES` (16 KiB) when absent. Only routes that carry payloads raise it. */
  maxBodyBytes?: number;
  /**
   * The route authenticates by its body (sign-in): a session cookie sent
   * along is not its authority, so no CSRF token is asked for (signing in
   * again while signed in works); a cross-site Origin is still refused.
   */
  signIn?: boolean;
  handle: (
    params: string[],
    search: URLSearchParams,
    ctx: RouteContext,
  ) => Reply | StreamReply | Promise<Reply | StreamReply>;
};

export const ok = (body: unknown): Reply => ({ status: 200, body });
export const notFound = (what: string): Reply => ({ status: 404, body: { error: `${what} not found` } });
export const badRequest = (error: string): Reply => ({ status: 400, body: { error } });
