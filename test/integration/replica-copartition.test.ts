import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import { configSchema } from '../../lib/config/schema';
import { replicasResponseSchema } from '../../lib/contracts/replicas';
import { createSource } from '../../server/brokers/registry';
import { createClusterNode, type ClusterNode } from '../../server/cluster/cluster-node';
import { withClusterTables } from '../../server/cluster/cluster-state';
import { createReplicasRoutes } from '../../server/http/replicas-routes';
import { createPipeline, type Pipeline } from '../../server/pipeline/pipeline';
import { getRoute } from '../support/api-harness';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue #14: a replica pair whose topics differ in partition count is named
 * through the API of a cluster instance, with the counts read from the real
 * broker. `orders` has 3 partitions on side A and 6 on side B (split);
 * `customers` 2 and 2 (co-partitioned, not named).
 */
const env = stackEnv();
const run = `cp${Date.now()}`;
const [serverA, serverB] = [`${run}_a`, `${run}_b`];
const partitions: Record<string, number> = {
  [`${serverA}.inv.orders`]: 3,
  [`${serverB}.inv.orders`]: 6,
  [`${serverA}.inv.customers`]: 2,
  [`${serverB}.inv.customers`]: 2,
};
const topics = Object.keys(partitions);
const kafka = new Kafka({
  clientId: 'cdcscope-it',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const redisUrl = process.env.CDCSCOPE_TEST_REDIS ?? 'redis://127.0.0.1:6379';

const config = configSchema.parse({
  sources: [{ id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topics, start: 'earliest' }],
  audit: { kind: 'postgres', connectionString: 'postgres://unused/unused' },
  cluster: { redis: redisUrl, instanceId: 'one', name: run, publishMs: 500, staleMs: 2_500 },
  replicas: [{ id: 'inv', a: { serverName: serverA }, b: { serverName: serverB } }],
});
let redis: Redis | undefined;
let node: ClusterNode | undefined;
let pipeline: Pipeline | undefined;

describe('a replica pair not co-partitioned, through the API of a cluster instance (issue #14)', () => {
  beforeAll(async () => {
    await admin.connect();
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: partitions[topic] })),
      waitForLeaders: true,
    });
    redis = new Redis(redisUrl);
    const late: { pipeline?: Pipeline } = {};
    const n = createClusterNode({
      cluster: config.cluster!,
      maxTables: 100,
      redis,
      partials: (now) => late.pipeline?.partials(now) ?? [],
      onFenced: () => undefined,
    });
    const sources = config.sources.map((s) => createSource(s, n.link(s.id)));
    pipeline = late.pipeline = createPipeline({ config, sources, onCounted: (b) => n.counted(b) });
    node = n;
  });
  afterAll(async () => {
    node?.halt();
    await pipeline?.close().catch(() => undefined);
    redis?.disconnect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    const r = new Redis(redisUrl);
    const keys = await r.keys(`cdcscope:${run}:*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
    await admin.disconnect();
  });

  it('GET /api/replicas names orders (3 vs 6 partitions) and not customers (2 and 2)', async () => {
    if (!pipeline || !node) throw new Error('the instance did not start');
    const routes = createReplicasRoutes(withClusterTables(pipeline.state, node, config.replicas));
    const problems = async () => {
      const body = replicasResponseSchema.parse((await getRoute(routes, '/api/replicas')).body);
      return body.pairs[0]?.coPartitionProblems ?? [];
    };
    let last: Awaited<ReturnType<typeof problems>> = [];
    await waitFor('the partition counts are measured', async () => (last = await problems()).length > 0, 30_000, 500);
    expect(last).toEqual([
      {
        kind: 'partitions',
        table: 'inv.orders',
        topicA: `${serverA}.inv.orders`,
        topicB: `${serverB}.inv.orders`,
        partitionsA: 3,
        partitionsB: 6,
        sourceA: 'k',
        sourceB: 'k',
      },
    ]);
  });
});
