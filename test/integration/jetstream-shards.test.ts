import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import {
  clearRun,
  creates,
  startClusterInstance,
  waitForMerged,
  type ClusterInstance,
} from '../support/cluster-instance';
import { waitFor } from '../support/stack-env';

/**
 * Issue #14, JetStream: two shards of one stream, each read by the one
 * instance holding its Redis lease. A joining instance gets its share, a
 * killed one's shard goes to the survivor, which resumes where the dead
 * one's published counts end: every message counted once. On the machine's
 * nats-server (4222; Debian's 2.9, so the shards are filtered on the client)
 * and Redis, with a stream this test creates and deletes.
 */
const natsUrl = process.env.CDCSCOPE_TEST_NATS ?? 'nats://127.0.0.1:4222';
const run = `shards${Date.now()}`;
const stream = run.toUpperCase();
// Subjects are Debezium topic names under the run's prefix: `<run>.<server>.<schema>.<table>`.
const subjects = { a: `${run}.a.inventory.orders`, b: `${run}.b.inventory.orders` };
const shards = [`${run}.a.>`, `${run}.b.>`];
let nc: NatsConnection;
let produced = 0;
const instances: ClusterInstance[] = [];

async function publish(perShard: number) {
  for (const subject of Object.values(subjects)) {
    // `creates` names the table from `<server>.<schema>.<table>`: the subject without the run prefix.
    for (const m of creates(subject.slice(run.length + 1), produced, perShard)) nc.publish(subject, m.value as string);
  }
  produced += perShard;
  await nc.flush();
}

const expected = (n: number) => ({ 'a.inventory.orders': n, 'b.inventory.orders': n });

function start(id: string) {
  return startClusterInstance({
    id,
    run,
    sources: [{ id: 'js', kind: 'jetstream', servers: [natsUrl], stream, subject: '>', shards, start: 'all' }],
  });
}

/** Shards each live instance holds, as its snapshot says (owned claims). */
const holdings = (i: ClusterInstance) =>
  Object.fromEntries(
    i.node
      .members(Date.now())
      .map((m) => [m.instanceId, m.partitions])
      .sort(),
  ) as Record<string, number>;

describe('JetStream shards handed over through Redis leases (issue #14)', () => {
  beforeAll(async () => {
    nc = await connect({ servers: natsUrl });
    await (await jetstreamManager(nc)).streams.add({ name: stream, subjects: [`${run}.>`] });
  });
  afterAll(async () => {
    for (const i of instances) await i.kill().catch(() => undefined);
    await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
    await nc.close();
    await clearRun(run);
  });

  it('one instance takes both shards; a second one gets one of them; counts stay exact', async () => {
    await publish(100);
    instances.push(await start('one'));
    await waitForMerged('one counts 100 per shard', instances, expected(100), 30_000);
    instances.push(await start('two'));
    await waitFor(
      'each instance holds one shard',
      () => {
        const h = holdings(instances[0]!);
        return h.one === 1 && h.two === 1;
      },
      30_000,
      250,
    );
    await publish(50);
    await waitForMerged('both count 150 per shard', instances, expected(150), 30_000);
    // Both read: neither counted everything by itself.
    const own = instances.map((i) => i.pipeline.partials(Date.now()).reduce((n, t) => n + t.totals.c, 0));
    expect(own.every((n) => n > 0)).toBe(true);
  });

  it("a killed instance's shard goes to the survivor, which resumes where the dead one's counts end", async () => {
    const [dead, survivor] = instances as [ClusterInstance, ClusterInstance];
    const killedAt = Date.now();
    await dead.kill();
    await publish(50);
    await waitForMerged('the survivor counts 200 per shard', [survivor], expected(200), 30_000);
    expect(Date.now() - killedAt).toBeLessThan(30_000);
    await waitFor('the survivor holds both shards', () => holdings(survivor).two === 2, 10_000, 250);
    // Still exact a few publishes later: nothing counted twice.
    await new Promise((r) => setTimeout(r, 2_000));
    await waitForMerged('still exactly 200 per shard', [survivor], expected(200), 1_000);
  });
});
