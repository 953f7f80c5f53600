import { describe, expect, it } from 'vitest';
import type { ReplicaPairSummary } from '../../lib/contracts/replicas';
import type { DashboardState } from '../pipeline/dashboard-state';
import { createReplicasRoutes } from './replicas-routes';
import { getRoute } from '../../test/support/api-harness';

/** Only the fields the per-table route reads; the rest of a summary plays no part here. */
const pair = {
  pairId: 'ab',
  tables: [{ table: 'orders' }, { table: 'customers' }],
  onlyInA: [
    { table: 'orders', key: '1' },
    { table: 'customers', key: '2' },
  ],
  onlyInB: [{ table: 'customers', key: '3' }],
  divergentPairs: [{ table: 'orders', key: '4' }],
} as unknown as ReplicaPairSummary;

const state: Pick<DashboardState, 'replicaPair'> = { replicaPair: (id) => (id === 'ab' ? pair : undefined) };
const routes = createReplicasRoutes(state as DashboardState);

const get = (path: string) => getRoute(routes, path);

describe('GET /api/replicas/:pairId/:table', () => {
  it("keeps only that table's unmatched and divergent events", async () => {
    expect(await get('/api/replicas/ab/orders')).toEqual({
      status: 200,
      body: {
        pairId: 'ab',
        table: { table: 'orders' },
        onlyInA: [{ table: 'orders', key: '1' }],
        onlyInB: [],
        divergentPairs: [{ table: 'orders', key: '4' }],
      },
    });
  });

  it('answers 404 for an unknown pair, and for a table the pair has not seen', async () => {
    expect(await get('/api/replicas/zz/orders')).toEqual({ status: 404, body: { error: 'replica pair zz not found' } });
    expect(await get('/api/replicas/ab/items')).toEqual({
      status: 404,
      body: { error: 'table items in replica pair ab not found' },
    });
  });
});
