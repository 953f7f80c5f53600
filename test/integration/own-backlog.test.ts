import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kafka, logLevel } from 'kafkajs';
import { jetstreamSourceSchema, kafkaSourceSchema } from '../../lib/config/schema';
import { createJetStreamSource } from '../../server/brokers/jetstream/consumer';
import { createKafkaSource } from '../../server/brokers/kafka/consumer';
import type { Source } from '../../server/brokers/source';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue 10 item 5: cdcscope's own backlog per source. A source whose batches
 * nobody reads stands for a pipeline that cannot keep up: its queue fills,
 * its fetch waits, and the backlog must say how far behind it is, in messages
 * and seconds; once read, it is caught up again.
 */
const env = stackEnv();
const run = Date.now().toString(36);
/** More than the 20,000 the hand-off queue holds, so part of the backlog stays on the broker. */
const N = 30_000;

async function drain(source: Source): Promise<number> {
  let n = 0;
  for await (const b of source.batches()) n += b.length;
  return n;
}

describe("cdcscope's own backlog", () => {
  it('Kafka: counts what it has not read, dates it by the oldest message, and clears once read', async () => {
    const kafka = new Kafka({
      clientId: 'it-backlog',
      brokers: [env.KAFKA_BOOTSTRAP as string],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    const producer = kafka.producer();
    const topic = `cdcscope-backlog-${run}`;
    await Promise.all([admin.connect(), producer.connect()]);
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      const producedAt = Date.now() - 60_000;
      for (let i = 0; i < N; i += 5_000)
        await producer.send({
          topic,
          messages: Array.from({ length: 5_000 }, (_, j) => ({
            value: `{"n":${i + j}}`,
            timestamp: String(producedAt),
          })),
        });
      const source = createKafkaSource(
        kafkaSourceSchema.parse({
          id: 'k',
          kind: 'kafka',
          brokers: [env.KAFKA_BOOTSTRAP],
          topics: [topic],
          start: 'earliest',
          clientId: run,
        }),
      );
      const behind = await waitFor(
        'the backlog of an unread source',
        () => {
          const b = source.backlog?.();
          return b && b.messages === N ? b : undefined;
        },
        60_000,
      );
      console.log(`kafka behind: ${JSON.stringify(behind)}`);
      expect(behind.behind).toBe(true);
      // The oldest unread message is the first one, produced a minute ago.
      expect(behind.seconds).toBeCloseTo((behind.at - producedAt) / 1000, 1);
      const read = drain(source);
      const caughtUp = await waitFor(
        'caught up',
        () => {
          const b = source.backlog?.();
          return b && b.messages === 0 ? b : undefined;
        },
        60_000,
      );
      expect(caughtUp).toMatchObject({ seconds: 0, behind: false });
      await source.close();
      expect(await read).toBe(N);
    } finally {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
    }
  });

  describe('JetStream', () => {
    const stream = `BACKLOG_${run}`.toUpperCase();
    let nc: NatsConnection;
    beforeAll(async () => {
      nc = await connect({ servers: env.NATS_URL });
      const jsm = await jetstreamManager(nc);
      await jsm.streams.add({ name: stream, subjects: [`backlog${run}.>`] });
    });
    afterAll(async () => {
      const jsm = await jetstreamManager(nc);
      await jsm.streams.delete(stream).catch(() => undefined);
      await nc.close();
    });

    it('counts what it has not read, dates it by the oldest message, and clears once read', async () => {
      for (let i = 0; i < N; i++) nc.publish(`backlog${run}.inventory.orders`, `{"n":${i}}`);
      await nc.flush();
      const jsm = await jetstreamManager(nc);
      await waitFor('all stored', async () => (await jsm.streams.info(stream)).state.messages === N);
      const publishedBy = Date.now();
      // The messages are at least this old when the source starts: it is behind by more than 2 s from its first poll.
      await new Promise((r) => setTimeout(r, 3_000));
      const source = createJetStreamSource(
        jetstreamSourceSchema.parse({
          id: 'js',
          kind: 'jetstream',
          servers: [env.NATS_URL],
          stream,
          subject: '>',
          start: 'all',
        }),
      );
      const behind = await waitFor(
        'the backlog of an unread source',
        () => {
          const b = source.backlog?.();
          return b && b.messages === N ? b : undefined;
        },
        60_000,
      );
      console.log(`jetstream behind: ${JSON.stringify(behind)}`);
      expect(behind.behind).toBe(true);
      expect(behind.seconds).toBeGreaterThanOrEqual((behind.at - publishedBy) / 1000);
      const read = drain(source);
      const caughtUp = await waitFor(
        'caught up',
        () => {
          const b = source.backlog?.();
          return b && b.messages === 0 ? b : undefined;
        },
        60_000,
      );
      expect(caughtUp).toMatchObject({ seconds: 0, behind: false });
      await source.close();
      expect(await read).toBe(N);
    });
  });
});
