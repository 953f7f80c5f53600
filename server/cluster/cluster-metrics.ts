import '../server-only';
import type { Registry } from 'prom-client';
import { scrapeGauges } from '../metrics/scrape-gauge';
import type { ClusterNode } from './cluster-node';

/**
 * The cluster's figures in every instance's `/metrics` (issue #14). In
 * cluster mode every series carries `cdcscope_instance` (the registry's
 * default label, set in server/main.ts): the counters are this instance's
 * own, for Prometheus to add up (`sum by (table, op) (rate(...))`), which
 * stays right across a hand-over since each instance's counter only grows.
 * The gauges here are the merged view instead, the same on every instance
 * (take `max without (instance, cdcscope_instance)`): exact totals including
 * what dead instances counted, which no sum of live counters gives.
 */
export function registerClusterMetrics(registry: Registry, node: Pick<ClusterNode, 'tables' | 'members'>) {
  const gauge = scrapeGauges(registry);
  gauge(
    'cdcscope_cluster_table_events',
    'Change events per table and op counted by the whole cluster since its start, dead instances included',
    ['table', 'op'],
    (g) => {
      for (const t of node.tables(Date.now()))
        for (const [op, n] of Object.entries(t.totals)) if (n > 0) g.labels(t.tableKey, op).set(n);
    },
  );
  gauge(
    'cdcscope_cluster_instance_partitions',
    'Partitions each live instance of the cluster reads',
    ['member'],
    (g) => {
      for (const m of node.members(Date.now())) g.labels(m.instanceId).set(m.partitions);
    },
  );
  gauge('cdcscope_cluster_instances', 'Live instances of the cluster', [], (g) => {
    g.set(node.members(Date.now()).length);
  });
}
