import type { TableSummary } from '@/lib/contracts/table-stats';

/**
 * The key a table is known by in rooms, routes and the API: `tableKey`
 * (`<serverName>.<db>.<table>`). The same table captured from two servers
 * shares `table` but not `tableKey`, so never key rows by `table`.
 */
export function keyOf(t: Pick<TableSummary, 'tableKey'>): string {
  return t.tableKey;
}

/** The browser's merge of overview pushes is pure and lives in lib/, where its tests drive it with the server's split. */
export {
  applyOverviewByKey,
  applyOverviewPushes,
  overviewView,
  queueOverviewPush,
  type OverviewView,
} from '@/lib/overview/overview-apply';
