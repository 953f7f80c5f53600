import type { DashboardState } from '../pipeline/dashboard-state';
import { ok, type Route } from './route';

/** What `/api/healthz` reports about the running server. */
export type ServerInfo = { startedAt: number; version: string };

/** `GET /api/healthz` (public: liveness probes) and `GET /api/sources` (each source's status). */
export function createHealthRoutes(state: DashboardState, info: ServerInfo): Route[] {
  return [
    {
      pattern: /^\/api\/healthz$/,
      handle: () => {
        const sources = state.sources();
        const live = sources.filter((s) => s.status.type === 'live').length;
        return ok({
          status: 'ok',
          version: info.version,
          uptimeSeconds: Math.round((Date.now() - info.startedAt) / 1000),
          sources: { total: sources.length, live },
        });
      },
    },
    { pattern: /^\/api\/sources$/, handle: () => ok(state.sources()) },
  ];
}
