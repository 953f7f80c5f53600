import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableSummary } from '../../lib/contracts/table-stats';
import type { ServerProcess } from '../../e2e/server-process';
import { waitForCounts, type CountReader } from '../support/cluster-instance';
import { creates } from '../support/cluster-run';
import { processCluster } from '../support/process-cluster';
import { stack, waitFor } from '../support/stack-env';

/**
 * Issue #14's proof with real processes: three `tsx server/main.ts` (production
 * build, as users run it) on loopback with one configuration file, the
 * machine's Redis and the stack's Kafka, reading two 6-partition topics laid
 * out like a replica pair's. kill -9 of one of them, and the other two answer
 * the complete view again within 30 s, with counts equal to what the broker
 * holds (its end offsets: counted independently of cdcscope).
 */
const run = `lcp${Date.now()}`;
const topics = [`${run}_a.inventory.customers`, `${run}_b.inventory.customers`];
const cluster = processCluster({ run, topics });
const { admin, producer } = cluster;
let servers: ServerProcess[] = [];

let produced = 0;
async function produce(perTopic: number) {
  for (const topic of topics) await producer.send({ topic, messages: creates(topic, produced, perTopic) });
  produced += perTopic;
}

/** Messages per topic as the broker counts them: the sum of its partitions' end offsets (new topics start at 0). */
async function brokerCounts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const topic of topics)
    out[topic] = (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  return out;
}

/** An instance's merged view as its API answers it: creates per table from GET /api/tables. */
const viaApi = (s: ServerProcess, id: string): CountReader => ({
  id,
  counts: async () => {
    const tables = (await (await fetch(`${s.url}/api/tables`)).json()) as TableSummary[];
    return Object.fromEntries(tables.map((t) => [t.tableKey, t.totals.c]));
  },
});

/** Waits until the instance's /metrics counts `n` live instances (the gauge follows the snapshots in Redis). */
const waitForInstances = (s: ServerProcess, n: number) =>
  waitFor(
    `${s.url} to count ${n} live instances`,
    async () =>
      new RegExp(`^cdcscope_cluster_instances(\\{[^}]*\\})? ${n}$`, 'm').test(
        await (await fetch(`${s.url}/metrics`)).text(),
      ),
    15_000,
    250,
  );

describe('three cdcscope processes, one view (issue #14)', () => {
  beforeAll(async () => {
    stack('up');
    await cluster.createTopics(6);
    await produce(1_000);
    servers = await cluster.start(['one', 'two', 'three']);
  }, 300_000);
  afterAll(() => cluster.close(), 60_000);

  it('every process answers the whole view, equal to what the broker holds', async () => {
    const held = await brokerCounts();
    expect(held).toEqual(Object.fromEntries(topics.map((t) => [t, 1_000])));
    await waitForCounts(
      'all three answer 1,000 per table',
      servers.map((s, i) => viaApi(s, `instance ${i + 1}`)),
      held,
      60_000,
    );
    await waitForInstances(servers[1]!, 3);
  });

  it('after kill -9 of instance 1, instances 2 and 3 answer the complete view again within 30 s, with exact counts', async () => {
    await servers[0]!.kill();
    const killedAt = Date.now();
    // Really gone (the server, not only tsx's wrapper): nothing answers on its port.
    await expect(fetch(`${servers[0]!.url}/api/healthz`)).rejects.toThrow();
    await produce(500);
    const held = await brokerCounts();
    expect(held).toEqual(Object.fromEntries(topics.map((t) => [t, 1_500])));
    const survivors = [viaApi(servers[1]!, 'instance 2'), viaApi(servers[2]!, 'instance 3')];
    await waitForCounts('instances 2 and 3 answer 1,500 per table', survivors, held, 30_000);
    const tookMs = Date.now() - killedAt;
    console.log(`cluster-processes: view complete again ${tookMs} ms after kill -9`);
    expect(tookMs).toBeLessThan(30_000);
    // Still exact a few publishes later: nothing instance 1 counted is counted again by its partitions' new owners.
    await new Promise((r) => setTimeout(r, 2_000));
    for (const r of survivors) expect(await r.counts()).toEqual(held);
    await waitForInstances(servers[2]!, 2);
  });
});
