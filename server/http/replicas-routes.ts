import type { DashboardState } from '../pipeline/dashboard-state';
import { notFound, ok, type Route } from './route';

/** `GET /api/replicas`, `/api/replicas/:pairId` and `/api/replicas/:pairId/:table`: replica pairs and their differences. */
export function createReplicasRoutes(state: DashboardState): Route[] {
  return [
    {
      pattern: /^\/api\/replicas$/,
      handle: () => ok({ pairs: state.replicas(), suggestions: state.replicaSuggestions() }),
    },
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
        return ok({
          pairId,
          table: stats,
          onlyInA: mine(pair.onlyInA),
          onlyInB: mine(pair.onlyInB),
          divergentPairs: mine(pair.divergentPairs),
        });
      },
    },
  ];
}
