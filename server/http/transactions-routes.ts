import type { DashboardState } from '../pipeline/dashboard-state';
import { notFound, ok, type Route } from './route';

/**
 * `GET /api/transactions`: recent transactions, largest and longest of the last 15 minutes, incomplete per connector;
 * `GET /api/transactions/:key`: one transaction (`<connector>|<id>`, URL-encoded) and its events in order, masked.
 */
export function createTransactionsRoutes(state: DashboardState): Route[] {
  return [
    { pattern: /^\/api\/transactions$/, handle: () => ok(state.transactions()) },
    {
      pattern: /^\/api\/transactions\/([^/]+)$/,
      handle: ([key = '']) => {
        const detail = state.transaction(key);
        return detail ? ok(detail) : notFound(`transaction ${key}`);
      },
    },
  ];
}
