import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kafka, logLevel } from 'kafkajs';
import { mariadbSource, order, orderShipped } from '../../lib/debezium/fixtures/mariadb';
import type { Pipeline } from '../../server/pipeline/pipeline';
import { startPipeline } from '../support/pipeline-harness';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue 10 item 1: whatever a source received reaches the statistics at once,
 * however quiet the stream is afterwards (a batch never waits for the next
 * message), on real JetStream and Kafka.
 */
const env = stackEnv();
const run = Date.now().toString(36);
const GRACE_MS = 1_500;

/** A MariaDB change as the replica pair's connectors write it (~350 bytes), the same GTID on both sides. */
function change(server: string, i: number): string {
  return JSON.stringify({
    before: order,
    after: { ...orderShipped, order_id: i },
    source: mariadbSource({ name: server, gtid: `0-1-${i + 1}`, pos: 4000 + i, ts_ms: Date.now() - 100 }),
    op: 'u',
    ts_ms: Date.now() - 50,
    transaction: null,
  });
}

const messages = (p: Pipeline) => p.state.sources()[0]?.messages ?? 0;

describe('JetStream: a burst followed by silence', () => {
  const stream = `FRESH_${run}`.toUpperCase();
  const [a, b] = [`fa${run}`, `fb${run}`];
  /** Changes per side: 2 × 1,008 = 2,016 messages, the size of the burst that showed the bug. */
  const PER_SIDE = 1_008;
  let nc: NatsConnection;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    nc = await connect({ servers: env.NATS_URL });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: stream, subjects: [`${a}.>`, `${b}.>`] });
    for (let i = 0; i < PER_SIDE; i++) {
      nc.publish(`${a}.inventory.orders`, change(a, i));
      nc.publish(`${b}.inventory.orders`, change(b, i));
    }
    await nc.flush();
    await waitFor('the burst stored', async () => (await jsm.streams.info(stream)).state.messages === 2 * PER_SIDE);
  });
  afterAll(async () => {
    await stop?.();
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream).catch(() => undefined);
    await nc.close();
  });

  it('counts every message of the burst at once, and pairs them all (no false "only in A")', async () => {
    const started = await startPipeline({
      sources: [{ id: 'js', kind: 'jetstream', servers: [env.NATS_URL], stream, subject: '>', start: 'all' }],
      replicas: [{ id: 'fresh', a: { serverName: a }, b: { serverName: b }, graceMs: GRACE_MS }],
    });
    stop = started.stop;
    const p = started.pipeline;
    const live = Date.now();
    // The bug held the burst's tail for minutes, until the next message: 3 s is far from both.
    await waitFor('all 2,016 counted', () => messages(p) === 2 * PER_SIDE, 3_000, 20);
    console.log(`jetstream: 2,016 messages counted ${Date.now() - live} ms after the source was live`);
    await new Promise((r) => setTimeout(r, GRACE_MS + 1_500));
    const t = p.state.replicas()[0]?.totals;
    expect(t).toMatchObject({ matched: PER_SIDE, divergent: 0 });
    expect([t?.a.onlyIn, t?.b.onlyIn, t?.a.pending, t?.b.pending]).toEqual([0, 0, 0, 0]);

    // One lone message on a quiet stream shows up too.
    nc.publish(`${a}.inventory.orders`, change(a, PER_SIDE));
    await nc.flush();
    const sent = Date.now();
    await waitFor('the lone message counted', () => messages(p) === 2 * PER_SIDE + 1, 2_000, 10);
    console.log(`jetstream: a lone message counted ${Date.now() - sent} ms after it was published`);
  });
});

describe('Kafka: a burst followed by silence', () => {
  const topic = `cdcscope-fresh-${run}`;
  const kafka = new Kafka({
    clientId: 'cdcscope-it',
    brokers: [env.KAFKA_BOOTSTRAP as string],
    logLevel: logLevel.NOTHING,
  });
  const admin = kafka.admin();
  const producer = kafka.producer();
  const N = 2_000;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
    await producer.send({
      topic,
      messages: [
        ...Array.from({ length: N }, (_, i) => ({ key: JSON.stringify({ id: i }), value: change('fk', i) })),
        // Item 8: a 0-byte value is undecodable, a null value the tombstone.
        { key: JSON.stringify({ id: 1 }), value: Buffer.alloc(0) },
        { key: JSON.stringify({ id: 2 }), value: null },
      ],
    });
  });
  afterAll(async () => {
    await stop?.();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  });

  it('counts every message of the burst, an empty value as undecodable and a null one as a tombstone', async () => {
    const started = await startPipeline({
      sources: [
        { id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topics: [topic], start: 'earliest', clientId: run },
      ],
    });
    stop = started.stop;
    const p = started.pipeline;
    // Live means joined; the first fetch and the group's partition assignment may still take a few seconds.
    await waitFor('all counted', () => messages(p) === N + 2, 20_000, 20);
    const s = p.state.sources()[0];
    expect(s?.undecodable).toBe(1);
    const tables = p.state.tables().tables;
    const events = p.state.events({ kind: 'undecodable', limit: 10 });
    expect(events.ok && events.value.items.map((e) => e.reason)).toEqual(['empty value']);
    expect(tables.reduce((n, t) => n + t.tombstones, 0)).toBe(1);

    await producer.send({ topic, messages: [{ key: '{"id":9}', value: change('fk', N) }] });
    const sent = Date.now();
    await waitFor('the lone message counted', () => messages(p) === N + 3, 3_000, 10);
    console.log(`kafka: a lone message counted ${Date.now() - sent} ms after it was produced`);
  });
});
