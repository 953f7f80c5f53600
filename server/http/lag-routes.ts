import type { DashboardState } from '../pipeline/dashboard-state';
import { ok, type Route } from './route';

/** `GET /api/lag/consumers`: downstream consumer lag and connector liveness. */
export function createLagRoutes(state: DashboardState): Route[] {
  return [{ pattern: /^\/api\/lag\/consumers$/, handle: () => ok(state.lag()) }];
}
