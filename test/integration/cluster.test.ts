import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import {
  clearRun,
  creates,
  mergedCreates,
  startClusterInstance,
  waitForMerged,
  type ClusterInstance,
} from '../support/cluster-instance';
import { stackEnv } from '../support/stack-env';

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

let produced = 0;
async function produce(perTopic: number) {
  for (const topic of topics) await producer.send({ topic, messages: creates(topic, produced, perTopic) });
  produced += perTopic;
}

const expected = (n: number) => Object.fromEntries(topics.map((t) => [t, n]));
const sources = [{ id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topics, start: 'earliest' }];

let instances: ClusterInstance[] = [];

describe('three instances, one view (issue #14)', () => {
  beforeAll(async () => {
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({
      topics: topics.map((topic) => ({ topic, numPartitions: 6 })),
      waitForLeaders: true,
    });
    await produce(1_200);
    instances = await Promise.all(['one', 'two', 'three'].map((id) => startClusterInstance({ id, run, sources })));
  });
  afterAll(async () => {
    for (const i of instances) await i.kill();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await clearRun(run);
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  });

  it('splits the partitions and merges to exact counts on every instance', async () => {
    await waitForMerged('every instance sees 1,200 per table', instances, expected(1_200), 90_000);
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
    await dead.kill();
    await produce(600);
    const alive = instances.slice(1);
    await waitForMerged('the survivors see 1,800 per table', alive, expected(1_800), 30_000);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    // Still exact a few publishes later: nothing the dead instance counted is counted again.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const i of alive) expect(mergedCreates(i)).toEqual(expected(1_800));
    expect(
      alive[0]!.node
        .members(Date.now())
        .map((m) => m.instanceId)
        .sort(),
    ).toEqual(['three', 'two']);
  });
});
