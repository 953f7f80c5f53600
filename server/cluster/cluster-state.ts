import type { CoPartitionProblem, ReplicaPairSummary } from '../../lib/contracts/replicas';
import { pairCoPartitionProblems, type PairTopology } from '../../lib/cluster/co-partition';
import { pairShardProblems, type JetStreamShards } from '../../lib/cluster/shard-pairs';
import type { DashboardState } from '../pipeline/dashboard-state';
import type { ClusterNode } from './cluster-node';

/** How long the co-partitioning verdict is reused: partition counts are measured every few seconds anyway. */
const CO_PARTITION_REUSE_MS = 1_000;

/**
 * The dashboard state of one instance with the cluster's merged tables in
 * place of its own (issue #14): the overview, `/api/tables`, `/api/throughput`
 * and the pushes show every table whichever instance answers, summaries and
 * per-second series alike. Everything else (inspector, replicas, lag) is
 * still per instance; each replica pair says which of its tables are not
 * co-partitioned (Kafka topics, JetStream shards: `shards`, per JetStream
 * source its configured shard filters), so that its figures on one instance
 * are not the pair's.
 */
export function withClusterTables(
  state: DashboardState,
  node: Pick<ClusterNode, 'tables' | 'tableSeries' | 'overallSeries'> & Partial<Pick<ClusterNode, 'kafkaPartitions'>>,
  pairs: readonly (PairTopology & { id: string })[] = [],
  shards: JetStreamShards = {},
): DashboardState {
  let version = 0;
  let last = '';
  let problems: { at: number; byPair: Map<string, CoPartitionProblem[]> } | undefined;
  function problemsOf(pairId: string): CoPartitionProblem[] {
    const now = Date.now();
    if (!problems || now - problems.at >= CO_PARTITION_REUSE_MS) {
      const kafka = node.kafkaPartitions?.() ?? {};
      const seen = Object.keys(shards).length > 0 ? node.tables(now).map((t) => t.tableKey) : [];
      const check = (p: PairTopology) => [...pairCoPartitionProblems(p, kafka), ...pairShardProblems(p, shards, seen)];
      problems = { at: now, byPair: new Map(pairs.map((p) => [p.id, check(p)])) };
    }
    return problems.byPair.get(pairId) ?? [];
  }
  const withProblems = (p: ReplicaPairSummary): ReplicaPairSummary => ({
    ...p,
    coPartitionProblems: problemsOf(p.pairId),
  });
  return {
    ...state,
    replicas: () => state.replicas().map(withProblems),
    replicaPair(pairId) {
      const pair = state.replicaPair(pairId);
      return pair && withProblems(pair);
    },
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
