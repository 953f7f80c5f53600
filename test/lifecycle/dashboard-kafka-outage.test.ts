import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { RawMessage } from '../../lib/contracts/raw-message';
import type { SourceStatus } from '../../lib/contracts/source-status';
import { kafkaSourceSchema } from '../../lib/config/schema';
import { configSchema } from '../../lib/config/schema';
import { createSinkSenders } from '../../server/brokers/registry';
import { createKafkaSource } from '../../server/brokers/kafka/consumer';
import { stack, stackEnv, waitFor } from '../support/stack-env';

/**
 * Kafka goes away for 20 s while cdcscope reads: the source must say so, with
 * the reason, come back by itself, and count nothing twice afterwards. A
 * replay sink on the same broker reports the outage as a failed send (never
 * a hang, never a throw) and sends again once Kafka is back.
 */
const env = stackEnv();
const topic = `cdcscope-outage-${Date.now()}`;
const client = () =>
  new Kafka({
    clientId: 'cdcscope-outage',
    brokers: [env.KAFKA_BOOTSTRAP as string],
    logLevel: logLevel.NOTHING,
    retry: { retries: 30 },
  });

async function produce(from: number, to: number) {
  const producer = client().producer();
  await producer.connect();
  await producer.send({
    topic,
    messages: Array.from({ length: to - from }, (_, i) => ({ value: JSON.stringify({ n: from + i }) })),
  });
  await producer.disconnect();
}

describe('Kafka outage', () => {
  beforeAll(async () => {
    stack('up');
    const admin = client().admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
  }, 300_000);
  afterAll(() => {
    stack('start', 'kafka');
  }, 300_000);

  it('shows the source disconnected with the reason, then live again, without double counting; a replay sink fails cleanly and recovers', async () => {
    await produce(0, 100);
    const source = createKafkaSource(
      kafkaSourceSchema.parse({
        id: 'outage',
        kind: 'kafka',
        brokers: [env.KAFKA_BOOTSTRAP],
        topics: [topic],
        start: 'earliest',
        clientId: 'outage',
      }),
    );
    const statuses: SourceStatus[] = [];
    source.onStatus((h) => statuses.push(h.status));
    const got: RawMessage[] = [];
    const done = (async () => {
      for await (const b of source.batches()) got.push(...b);
    })();
    await waitFor('the first 100 messages', () => got.length >= 100, 60_000);
    const sink = createSinkSenders(
      configSchema.parse({
        sources: [{ kind: 'demo' }],
        sinks: [{ id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topic }],
      }),
      () => undefined,
    ).get('k')!;
    const replay = (id: string) =>
      sink.send({ key: null, value: JSON.stringify({ n: -1, replay: id }), headers: { 'cdcscope-replay-id': id } });
    expect(await replay('before')).toMatchObject({ ok: true });

    const stoppedAt = Date.now();
    stack('stop', 'kafka');
    const down = await waitFor(
      'an error status',
      () => {
        const s = source.status().status;
        return s.type === 'error' ? s : undefined;
      },
      20_000,
    );
    expect(down.message.length).toBeGreaterThan(5);
    const during = await replay('during');
    expect(during.ok).toBe(false);
    const wait = 20_000 - (Date.now() - stoppedAt);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    expect(source.status().status.type).not.toBe('live');

    stack('start', 'kafka');
    await waitFor('live again', () => source.status().status.type === 'live', 120_000, 500);
    expect(source.status().reconnects).toBeGreaterThanOrEqual(1);
    await waitFor('the replay sink sending again', async () => (await replay('after')).ok, 60_000, 1_000);
    await sink.close();
    await produce(100, 150);
    await waitFor('150 messages', () => got.length >= 150, 60_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const all = got.map((m) => JSON.parse(new TextDecoder().decode(m.value!)) as { n: number; replay?: string });
    const replays = all.filter((m) => m.replay !== undefined).map((m) => m.replay);
    // The failed send never reached the topic; the one after the outage did, once (a retry of waitFor may add a second 'after').
    expect(replays).toContain('before');
    expect(replays).not.toContain('during');
    expect(replays).toContain('after');
    const ns = all.filter((m) => m.replay === undefined).map((m) => m.n);
    expect(new Set(ns).size).toBe(ns.length);
    expect(ns).toHaveLength(150);
    expect(statuses.some((s) => s.type === 'error')).toBe(true);
    await source.close();
    await done;
  }, 400_000);
});
