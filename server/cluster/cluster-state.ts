import type { DashboardState } from '../pipeline/dashboard-state';
import type { ClusterNode } from './cluster-node';

/**
 * The dashboard state of one instance with the cluster's merged tables in
 * place of its own (issue #14): the overview, `/api/tables` and the pushes
 * show every table whichever instance answers. A table's per-second series
 * are this instance's own (empty for a table it does not read); its summary
 * figures are the cluster's. Everything else (inspector, replicas, lag) is
 * still per instance.
 */
export function withClusterTables(state: DashboardState, node: Pick<ClusterNode, 'tables'>): DashboardState {
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
    table(tableKey, fromSec) {
      const merged = node.tables(Date.now()).find((t) => t.tableKey === tableKey);
      const local = state.table(tableKey, fromSec);
      if (!merged) return local;
      return { ...merged, throughput: local?.throughput ?? [], lagSeries: local?.lagSeries ?? [] };
    },
    tableVersion: (tableKey) => node.tables(Date.now()).find((t) => t.tableKey === tableKey)?.version ?? 0,
  };
}
