import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { Redis } from 'ioredis';
import { partitionKey } from '../../lib/contracts/cluster';
import { createClusterStore } from '../../server/cluster/cluster-store';
import {
  clearRun,
  creates,
  mergedCreates,
  startClusterInstance,
  waitForMerged,
  TEST_REDIS,
  type ClusterInstance,
} from '../support/cluster-instance';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue #14 with `start: latest` on the real Kafka and the machine's Redis: a
 * partition an instance was assigned but never read from (a quiet topic) is
 * handed over exactly. Its first owner claims the offset it started at as soon
 * as it takes it, and keeps claiming it after the partition moves on, so its
 * next owner resumes there and not at its own, later "latest": whatever came in
 * between is counted, and the messages from before the deployment started are
 * not.
 */
const env = stackEnv();
const run = `itl${Date.now()}`;
const topic = `cll_${run}.inventory.customers`;
const kafka = new Kafka({
  clientId: 'cdcscope-it',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer();
const redis = new Redis(TEST_REDIS);
const store = createClusterStore(redis, run);
const sources = [{ id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topics: [topic], start: 'latest' }];

let next = 0;
/** `n` creates to each of the two partitions. */
async function produce(n: number) {
  for (const partition of [0, 1]) {
    await producer.send({ topic, messages: creates(topic, next, n).map((m) => ({ ...m, partition })) });
    next += n;
  }
}

const owned = (i: ClusterInstance) => i.node.members(Date.now()).find((m) => m.instanceId === i.id)?.partitions;
const instances: ClusterInstance[] = [];

describe('start: latest, hand-over of a partition never read (issue #14)', () => {
  beforeAll(async () => {
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    // Before the deployment starts: `latest` leaves these 3 per partition out.
    await produce(3);
  });
  afterAll(async () => {
    for (const i of instances) await i.kill();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.deleteGroups([`cdcscope-cluster-${run}-k`]).catch(() => undefined);
    await clearRun(run);
    redis.disconnect();
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  });

  it('keeps claiming the start offset of a partition it gave away unread, and its next owner resumes there', async () => {
    const first = await startClusterInstance({ id: 'first', run, sources });
    instances.push(first);
    await waitFor('the first instance owns both partitions', () => owned(first) === 2, 60_000, 250);

    const second = await startClusterInstance({ id: 'second', run, sources });
    instances.push(second);
    await waitFor('one partition each', () => owned(first) === 1 && owned(second) === 1, 60_000, 250);

    // The partition that moved: the first instance read nothing from it, yet still says where it started.
    const { snapshots } = await store.read();
    const mine = snapshots.find((s) => s.instanceId === 'first');
    const theirs = snapshots.find((s) => s.instanceId === 'second');
    const moved = [0, 1].map((p) => partitionKey('k', topic, p)).find((k) => theirs?.partitions[k]?.owned);
    expect(moved).toBeDefined();
    expect(mine?.partitions[moved!]).toEqual({ next: '3', owned: false });
    expect(theirs?.partitions[moved!]).toEqual({ next: '3', owned: true });

    await produce(5);
    await waitForMerged('10 new, none of the 6 from before', instances, { [topic]: 10 }, 30_000);

    // The second one dies: its partition goes back, resumed where its counts ended.
    await second.kill();
    await produce(4);
    await waitForMerged('18 after the death', [first], { [topic]: 18 }, 30_000);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(mergedCreates(first)).toEqual({ [topic]: 18 });
  });
});
