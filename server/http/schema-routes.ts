import type { DashboardState } from '../pipeline/dashboard-state';
import { notFound, ok, type Route } from './route';

/**
 * `GET /api/tables/:table/schema`: the table's column shapes over time and whether it drifted;
 * `GET /api/schema-drift`: the tables whose shape changed since start.
 */
export function createSchemaRoutes(state: DashboardState): Route[] {
  return [
    { pattern: /^\/api\/schema-drift$/, handle: () => ok({ tables: state.driftedTables() }) },
    {
      pattern: /^\/api\/tables\/([^/]+)\/schema$/,
      handle: ([key = '']) => {
        const schema = state.tableSchema(key);
        return schema ? ok(schema) : notFound(`schema of table ${key}`);
      },
    },
  ];
}
