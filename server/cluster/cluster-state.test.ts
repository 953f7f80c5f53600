import { afterAll, describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { replicaPairSummarySchema, replicasResponseSchema } from '../../lib/contracts/replicas';
import { getRoute } from '../../test/support/api-harness';
import { createReplicasRoutes } from '../http/replicas-routes';
import { createPipeline } from '../pipeline/pipeline';
import { jetStreamShards } from '../../lib/cluster/shard-pairs';
import { withClusterTables } from './cluster-state';

const config = configSchema.parse({
  sources: [{ id: 'k', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['replica_a.inv.orders'] }],
  replicas: [{ id: 'inv', a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' } }],
});
// No source is started: the pair summaries are what the check decorates.
const pipeline = createPipeline({ config, sources: [] });
let counts: Record<string, Record<string, number>> = {};
const node = {
  tables: () => [],
  tableSeries: () => ({ series: [], lagSeries: [] }),
  overallSeries: () => [],
  kafkaPartitions: () => counts,
} as unknown as Parameters<typeof withClusterTables>[1];

afterAll(() => pipeline.close());

describe('replica pairs in cluster mode say which tables are not co-partitioned (issue #14)', () => {
  it('GET /api/replicas and /api/replicas/:pair carry the split tables, schema-valid', async () => {
    counts = {
      k: { 'replica_a.inv.orders': 3, 'replica_b.inv.orders': 6, 'replica_a.inv.c': 2, 'replica_b.inv.c': 2 },
    };
    const routes = createReplicasRoutes(withClusterTables(pipeline.state, node, config.replicas));
    const all = await getRoute(routes, '/api/replicas');
    expect(all.status).toBe(200);
    const body = replicasResponseSchema.parse(all.body);
    expect(body.pairs[0]?.coPartitionProblems).toEqual([
      {
        kind: 'partitions',
        table: 'inv.orders',
        topicA: 'replica_a.inv.orders',
        topicB: 'replica_b.inv.orders',
        partitionsA: 3,
        partitionsB: 6,
        sourceA: 'k',
        sourceB: 'k',
      },
    ]);
    const one = await getRoute(routes, '/api/replicas/inv');
    expect(replicaPairSummarySchema.parse(one.body).coPartitionProblems).toHaveLength(1);
  });

  it('an empty list once the counts agree; no field at all in single-process mode', async () => {
    counts = { k: { 'replica_a.inv.orders': 6, 'replica_b.inv.orders': 6 } };
    const routes = createReplicasRoutes(withClusterTables(pipeline.state, node, config.replicas));
    const pair = (await getRoute(routes, '/api/replicas/inv')).body as Record<string, unknown>;
    expect(pair.coPartitionProblems).toEqual([]);
    const single = (await getRoute(createReplicasRoutes(pipeline.state), '/api/replicas/inv')).body;
    expect(single).not.toHaveProperty('coPartitionProblems');
  });
});

describe('replica pairs on JetStream shards in cluster mode (issue #14)', () => {
  const jsConfig = configSchema.parse({
    sources: [
      {
        id: 'js',
        kind: 'jetstream',
        servers: ['nats://127.0.0.1:1'],
        stream: 'S',
        shards: ['replica_a.>', 'replica_b.>'],
      },
    ],
    replicas: [{ id: 'inv', a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' } }],
  });
  const jsPipeline = createPipeline({ config: jsConfig, sources: [] });
  afterAll(() => jsPipeline.close());
  const seenNode = (keys: string[]) =>
    ({
      tables: () => keys.map((tableKey) => ({ tableKey })),
      tableSeries: () => ({ series: [], lagSeries: [] }),
      overallSeries: () => [],
      kafkaPartitions: () => ({}),
    }) as unknown as Parameters<typeof withClusterTables>[1];

  it('GET /api/replicas names the tables whose two subjects are in two shards', async () => {
    const state = withClusterTables(
      jsPipeline.state,
      seenNode(['replica_a.inv.orders', 'replica_b.inv.orders', 'replica_a.inv.only_a']),
      jsConfig.replicas,
      jetStreamShards(jsConfig.sources),
    );
    const body = replicasResponseSchema.parse((await getRoute(createReplicasRoutes(state), '/api/replicas')).body);
    expect(body.pairs[0]?.coPartitionProblems).toEqual([
      {
        kind: 'shards',
        table: 'inv.orders',
        topicA: 'replica_a.inv.orders',
        topicB: 'replica_b.inv.orders',
        partitionsA: null,
        partitionsB: null,
        sourceA: 'js',
        sourceB: 'js',
        shardA: 'replica_a.>',
        shardB: 'replica_b.>',
      },
    ]);
  });

  it('none when one shard covers both subjects', async () => {
    const state = withClusterTables(
      jsPipeline.state,
      seenNode(['replica_a.inv.orders', 'replica_b.inv.orders']),
      jsConfig.replicas,
      { js: ['*.inv.orders'] },
    );
    const pair = (await getRoute(createReplicasRoutes(state), '/api/replicas/inv')).body as Record<string, unknown>;
    expect(pair.coPartitionProblems).toEqual([]);
  });
});
