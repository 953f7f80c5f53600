import type { DashboardState } from '../pipeline/dashboard-state';
import { notFound, ok, type Route } from './route';

/**
 * `GET /api/tables`, `/api/tables/:key` and `/api/tables/:key/events`: per-table statistics and recent events;
 * `GET /api/throughput`: all tables' throughput by op (the overview chart's history).
 */
export function createTablesRoutes(state: DashboardState): Route[] {
  return [
    { pattern: /^\/api\/throughput$/, handle: () => ok({ at: Date.now(), points: state.throughput() }) },
    { pattern: /^\/api\/tables$/, handle: () => ok(state.tables().tables) },
    // Outbox events per aggregate and event type, and replayed copies per table: GET /api/outbox (lib/contracts/outbox.ts).
    { pattern: /^\/api\/outbox$/, handle: () => ok(state.outbox()) },
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
  ];
}
