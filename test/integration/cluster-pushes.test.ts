import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { io as connect, type Socket } from 'socket.io-client';
import type { EventListItem } from '../../lib/contracts/event-view';
import type { ClientToServerEvents, OverviewSnapshot, ServerToClientEvents } from '../../lib/contracts/socket-events';
import { applyOverviewPushes } from '../../lib/overview/overview-apply';
import {
  clearRun,
  creates,
  startClusterInstance,
  waitForMerged,
  type ClusterInstance,
} from '../support/cluster-instance';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue #14, live pushes: two instances on the real Kafka and the machine's
 * Redis; one topic of one partition, so Kafka gives it to one of them. A
 * browser's socket on the other one, which reads nothing itself, still
 * receives the table's events (through Socket.IO's Redis adapter) and the
 * cluster's totals, and each push only once.
 */
const env = stackEnv();
const run = `itp${Date.now()}`;
const server = `clp_${run}`;
const topic = `${server}.inventory.customers`;
const kafka = new Kafka({
  clientId: 'cdcscope-it',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer();

let produced = 0;
async function produce(n: number) {
  await producer.send({ topic, messages: creates(topic, produced, n) });
  produced += n;
}

const ownCount = (i: ClusterInstance) => i.pipeline.partials(Date.now()).reduce((n, t) => n + t.totals.c, 0);

let instances: ClusterInstance[] = [];
let client: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;

describe('live pushes across instances (issue #14)', () => {
  beforeAll(async () => {
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    const sources = [{ id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topics: [topic], start: 'earliest' }];
    instances = await Promise.all(['one', 'two'].map((id) => startClusterInstance({ id, run, sources })));
    await produce(100);
  });
  afterAll(async () => {
    client?.disconnect();
    for (const i of instances) await i.close();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await clearRun(run);
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  });

  it("a socket on the instance that reads nothing receives the other one's events, each once", async () => {
    await waitForMerged('both instances see 100', instances, { [topic]: 100 }, 90_000);
    const owner = instances.find((i) => ownCount(i) === 100);
    const other = instances.find((i) => i !== owner);
    expect(owner).toBeDefined();
    expect(ownCount(other!)).toBe(0);
    expect(other!.pipeline.state.tableEvents(topic)).toEqual([]);

    const received: EventListItem[] = [];
    const overviews: OverviewSnapshot[] = [];
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(other!.url, {
      transports: ['websocket'],
      reconnection: false,
    });
    client = socket;
    socket.on('table-events', (p) => received.push(...p.events));
    socket.on('overview', (o) => overviews.push(o));
    await waitFor('the socket connects', () => socket.connected, 10_000, 50);
    socket.emit('subscribe', { kind: 'table', table: topic });
    socket.emit('subscribe', { kind: 'overview' });
    // As the overview page does for the rows it draws: pushes then carry this table's changes, not only its sort keys.
    socket.emit('overview-visible', [topic]);

    // The owner sees the new watcher in the next snapshot and sends what it has of the table.
    await waitFor('the owner sends its 100 events', () => new Set(received.map((e) => e.id)).size >= 100, 15_000, 100);
    const sentAtJoin = received.length;
    await produce(50);
    await waitFor('the 50 new events arrive', () => new Set(received.map((e) => e.id)).size === 150, 15_000, 100);
    // Nothing twice: a few more beats, and every id arrived once since the join.
    await new Promise((r) => setTimeout(r, 1_500));
    const ids = received.map((e) => e.id);
    expect(new Set(ids).size).toBe(150);
    expect(ids.length - sentAtJoin).toBe(50);
    expect(received.every((e) => e.tableKey === topic)).toBe(true);

    // The charts' series are the cluster's too: every event in the table's and the overview's seconds.
    const sumC = (points: { c: number }[] | undefined) => (points ?? []).reduce((n, p) => n + p.c, 0);
    await waitFor(
      'the merged series hold all 150',
      () => sumC(other!.state.table(topic)?.throughput) === 150,
      10_000,
      100,
    );
    expect(sumC(other!.state.throughput())).toBe(150);
    expect(other!.state.table(topic)?.lagSeries.some((p) => p.endToEnd !== null)).toBe(true);

    // The overview comes from this instance only (a local push), with the cluster's totals. Pushes are deltas
    // (whole rows, patches, briefs): the overview is what the browser makes of them, applied in order.
    const before = overviews.length;
    await new Promise((r) => setTimeout(r, 3_000));
    expect(overviews.length - before).toBeGreaterThanOrEqual(2);
    expect(overviews.length - before).toBeLessThanOrEqual(4);
    await waitFor(
      'the overview shows 150',
      () => applyOverviewPushes(undefined, overviews).tables.find((t) => t.tableKey === topic)?.totals.c === 150,
      10_000,
      100,
    );
  });
});
