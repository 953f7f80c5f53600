import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { TableSummary } from '../../lib/contracts/table-stats';
import { registerClusterMetrics } from './cluster-metrics';

const table = (tableKey: string, c: number, u: number) =>
  ({ tableKey, totals: { c, u, d: 0, r: 0, t: 0, m: 0 } }) as unknown as TableSummary;

describe('cluster metrics', () => {
  it('exports the merged totals and the members, labelled with the answering instance', async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ cdcscope_instance: 'two' });
    registerClusterMetrics(registry, {
      tables: () => [table('pg.inventory.orders', 1_800, 7)],
      members: () => [
        { instanceId: 'two', incarnation: 'two:1', at: 0, tables: 1, partitions: 4 },
        { instanceId: 'three', incarnation: 'three:1', at: 0, tables: 1, partitions: 2 },
      ],
    });
    const text = await registry.metrics();
    expect(text).toContain(
      'cdcscope_cluster_table_events{table="pg.inventory.orders",op="c",cdcscope_instance="two"} 1800',
    );
    expect(text).toContain(
      'cdcscope_cluster_table_events{table="pg.inventory.orders",op="u",cdcscope_instance="two"} 7',
    );
    // Ops never seen are left out rather than exported as zeros.
    expect(text).not.toContain('op="d"');
    expect(text).toContain('cdcscope_cluster_instance_partitions{member="three",cdcscope_instance="two"} 2');
    expect(text).toContain('cdcscope_cluster_instances{cdcscope_instance="two"} 2');
  });
});
