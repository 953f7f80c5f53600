import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import { configSchema } from '../../lib/config/schema';
import { pgSource } from '../../lib/debezium/fixtures/postgres';
import { createSource } from '../../server/brokers/registry';
import { createClusterNode, type ClusterNode } from '../../server/cluster/cluster-node';
import { createPipeline, type Pipeline } from '../../server/pipeline/pipeline';
import type { Source } from '../../server/brokers/source';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue #14 on the real stack: three instances (each its own Kafka consumer,
 * pipeline and cluster node, as three processes would have) share two
 * 6-partition topics through one consumer group and the machine's Redis.
 */
const env = stackEnv();
const run = `it${Date.now()}`;
const server = `cl_${run}`;
const topics = [`${server}.inventory.customers`, `${server}.inventory.orders`];
const kafka = new Kafka({
  clientId: 'cdcscope-it',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer();
const redisUrl = process.env.CDCSCOPE_TEST_REDIS ?? 'redis://127.0.0.1:6379';

let produced = 0;
async function produce(perTopic: number) {
  for (const topic of topics) {
    const table = topic.split('.')[2]!;
    await producer.send({
      topic,
      messages: Array.from({ length: perTopic }, (_, i) => {
        const id = produced + i;
        const now = Date.now();
        return {
          key: JSON.stringify({ id }),
          value: JSON.stringify({
            before: null,
            after: { id },
            source: pgSource({ name: server, table, ts_ms: now - 20, ts_us: undefined, ts_ns: undefined }),
            op: 'c',
            ts_ms: now - 10,
          }),
        };
      }),
    });
  }
  produced += perTopic;
}

interface Instance {
  id: string;
  node: ClusterNode;
  pipeline: Pipeline;
  sources: Source[];
  redis: Redis;
}

function startInstance(id: string): Instance {
  const config = configSchema.parse({
    sources: [{ id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topics, start: 'earliest' }],
    audit: { kind: 'postgres', connectionString: 'postgres://unused/unused' },
    cluster: { redis: redisUrl, instanceId: id, name: run, publishMs: 500, staleMs: 2_500 },
  });
  const redis = new Redis(redisUrl);
  const late: { pipeline?: Pipeline } = {};
  const node = createClusterNode({
    cluster: config.cluster!,
    maxTables: 100,
    redis,
    partials: (now) => late.pipeline?.partials(now) ?? [],
    onFenced: () => undefined,
  });
  const sources = config.sources.map((s) => createSource(s, node.link(s.id)));
  const pipeline = createPipeline({ config, sources, onCounted: (b) => node.counted(b) });
  late.pipeline = pipeline;
  return { id, node, pipeline, sources, redis };
}

const totalsOf = (i: Instance) => Object.fromEntries(i.node.tables(Date.now()).map((t) => [t.tableKey, t.totals.c]));
const expected = (n: number) => Object.fromEntries(topics.map((t) => [t, n]));
/** Every instance shows exactly `n` per table, whatever order its tables are listed in. */
const allSee = (group: Instance[], n: number) =>
  group.every((i) => {
    const totals = totalsOf(i);
    return Object.keys(totals).length === topics.length && topics.every((t) => totals[t] === n);
  });
/** waitFor, and on a timeout say what each instance showed. */
async function waitForTotals(what: string, group: Instance[], n: number, timeoutMs: number): Promise<void> {
  try {
    await waitFor(what, () => allSee(group, n), timeoutMs, 250);
  } catch (e) {
    const seen = group.map((i) => `${i.id}: ${JSON.stringify(totalsOf(i))}`).join('; ');
    throw new Error(`${(e as Error).message}; instances showed ${seen}`, { cause: e });
  }
}

let instances: Instance[] = [];

describe('three instances, one view (issue #14)', () => {
  beforeAll(async () => {
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: 6 })),
      waitForLeaders: true,
    });
    await produce(1_200);
    instances = ['one', 'two', 'three'].map(startInstance);
  });
  afterAll(async () => {
    for (const i of instances) {
      i.node.halt();
      await i.pipeline.close().catch(() => undefined);
      i.redis.disconnect();
    }
    await admin.deleteTopics({ topics }).catch(() => undefined);
    const r = new Redis(redisUrl);
    const keys = await r.keys(`cdcscope:${run}:*`);
    if (keys.length) await r.del(...keys);
    r.disconnect();
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  });

  it('splits the partitions and merges to exact counts on every instance', async () => {
    await waitForTotals('every instance sees 1,200 per table', instances, 1_200, 90_000);
    // Kafka split the work: no instance counted everything by itself.
    const own = instances.map((i) => i.pipeline.partials(Date.now()).reduce((n, t) => n + t.totals.c, 0));
    expect(own.reduce((a, b) => a + b, 0)).toBe(2_400);
    expect(Math.max(...own)).toBeLessThan(2_400);
    const members = instances[1]!.node.members(Date.now());
    expect(members.map((m) => m.instanceId).sort()).toEqual(['one', 'three', 'two']);
  });

  it('after one instance dies, the others take its partitions and the counts are exact again within 30 s', async () => {
    const dead = instances[0]!;
    const killedAt = Date.now();
    // As a killed process: no last publish, no release; its consumer leaves the group.
    dead.node.halt();
    await Promise.all(dead.sources.map((s) => s.close()));
    await produce(600);
    const alive = instances.slice(1);
    await waitForTotals('the survivors see 1,800 per table', alive, 1_800, 30_000);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    // Still exact a few publishes later: nothing the dead instance counted is counted again.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const i of alive) expect(totalsOf(i)).toEqual(expected(1_800));
    expect(
      alive[0]!.node
        .members(Date.now())
        .map((m) => m.instanceId)
        .sort(),
    ).toEqual(['three', 'two']);
  });
});
