import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { z } from 'zod';
import type { RawMessage } from '../../lib/contracts/raw-message';
import { kafkaSourceSchema } from '../../lib/config/schema';
import { createKafkaSource } from '../../server/brokers/kafka/consumer';
import { stackEnv, waitFor } from '../support/stack-env';

const env = stackEnv();
const kafka = new Kafka({
  clientId: 'cdcscope-it',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer();
const topic = `cdcscope-it-${Date.now()}`;

const produce = (from: number, to: number) =>
  producer.send({
    topic,
    messages: Array.from({ length: to - from }, (_, i) => ({
      key: `k${(from + i) % 7}`,
      value: JSON.stringify({ n: from + i }),
      headers: { h: 'v' },
    })),
  });

describe('Kafka source against the stack broker', () => {
  beforeAll(async () => {
    await admin.connect();
    await producer.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  });

  it('reads from the earliest offset, every message once, and commits nothing', async () => {
    await produce(0, 120);
    const config = kafkaSourceSchema.parse({
      id: 'it',
      kind: 'kafka',
      brokers: [env.KAFKA_BOOTSTRAP],
      topics: [`/^${topic}$/`],
      start: 'earliest',
      clientId: `it-${Date.now()}`,
    });
    const source = createKafkaSource(config);
    const got: RawMessage[] = [];
    const done = (async () => {
      for await (const b of source.batches()) got.push(...b);
    })();
    await waitFor('120 messages', () => got.length >= 120, 60_000);
    await produce(120, 150);
    await waitFor('150 messages', () => got.length >= 150, 30_000);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(got).toHaveLength(150);
    const ns = got
      .map((m) => z.object({ n: z.number() }).parse(JSON.parse(new TextDecoder().decode(m.value!))).n)
      .sort((a, b) => a - b);
    expect(ns).toEqual(Array.from({ length: 150 }, (_, i) => i));
    expect(got[0]?.headers).toEqual({ h: 'v' });
    expect(source.status().status.type).toBe('live');

    // Its own group exists only while it runs and holds no committed offsets.
    const groups = (await admin.listGroups()).groups
      .map((g) => g.groupId)
      .filter((g) => g.startsWith(`cdcscope-${config.clientId}-`));
    expect(groups).toHaveLength(1);
    const offsets = await admin.fetchOffsets({ groupId: groups[0]!, topics: [topic] });
    expect(offsets.flatMap((t) => t.partitions.map((p) => p.offset))).toEqual(['-1', '-1', '-1']);
    await source.close();
    await done;
  });

  it('starts at the latest offset by default', async () => {
    const config = kafkaSourceSchema.parse({
      id: 'it-latest',
      kind: 'kafka',
      brokers: [env.KAFKA_BOOTSTRAP],
      topics: [topic],
      clientId: 'it-latest',
    });
    const source = createKafkaSource(config);
    const got: RawMessage[] = [];
    const done = (async () => {
      for await (const b of source.batches()) got.push(...b);
    })();
    await waitFor('live', () => source.status().status.type === 'live', 60_000);
    await new Promise((r) => setTimeout(r, 3_000));
    await produce(1000, 1010);
    await waitFor('10 new messages', () => got.length >= 10, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(got).toHaveLength(10);
    await source.close();
    await done;
  });
});
