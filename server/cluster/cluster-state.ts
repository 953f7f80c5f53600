import type { DashboardState } from '../pipeline/dashboard-state';
import type { ClusterNode } from './cluster-node';

/**
 * The dashboard state of one instance with the cluster's merged tables in
 * place of its own (issue #14): the overview, `/api/tables`, `/api/throughput`
 * and the pushes show every table whichever instance answers, summaries and
 * per-second series alike. Everything else (inspector, replicas, lag) is
 * still per instance.
 */
export function withClusterTables(
  state: DashboardState,
  node: Pick<ClusterNode, 'tables' | 'tableSeries' | 'overallSeries'>,
): DashboardState {
  let version = 0;
  let last = '';
  return {
    ...state,
    tables() {
      const tables = node.tables(Date.now());
      // Merged tables carry no per-table change versions across instances: all are sent, and the version moves when any changed.
      const signature = tables.map((t) => `${t.tableKey}:${t.version ?? 0}`).join(',');
      if (signature !== last) {
        last = signature;
        version++;
      }
      return { tables, version };
    },
    removedSince: () => [],
    throughput: (fromSec) => node.overallSeries(Date.now(), fromSec),
    table(tableKey, fromSec) {
      const now = Date.now();
      const merged = node.tables(now).find((t) => t.tableKey === tableKey);
      if (!merged) return state.table(tableKey, fromSec);
      return { ...merged, ...node.tableSeries(tableKey, now, fromSec) };
    },
    tableVersion: (tableKey) => node.tables(Date.now()).find((t) => t.tableKey === tableKey)?.version ?? 0,
  };
}
