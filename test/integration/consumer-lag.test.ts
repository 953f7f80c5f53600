import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { ConsumerLagSnapshot } from '../../lib/contracts/lag-api';
import type { Pipeline } from '../../server/pipeline/pipeline';
import { startPipeline } from '../support/pipeline-harness';
import { stack, stackEnv, stackInBackground, waitFor } from '../support/stack-env';

/**
 * Issue #4's downstream-lag acceptance: the stack's slow consumers
 * (`orders-service` on Kafka, `orders-projection` on JetStream) are slowed
 * down, then sped up; cdcscope must see lag grow, rate it, and see it clear.
 */
const env = stackEnv();
const TOPIC = 'replica_a.inventory.orders';
let pipeline: Pipeline;
let stop: () => Promise<void>;
const kafka = new Kafka({
  clientId: 'it-lag-truth',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});

const lag = (): ConsumerLagSnapshot => pipeline.state.lag();
const group = () => lag().kafka.find((g) => g.group === 'orders-service');
const durable = () => lag().jetstream.find((c) => c.consumer === 'orders-projection');

/** The true age of the oldest unconsumed message of the group: read it at the committed offset. */
async function trueOldestAgeMs(): Promise<number | undefined> {
  const admin = kafka.admin();
  await admin.connect();
  const committed = (await admin.fetchOffsets({ groupId: 'orders-service', topics: [TOPIC] }))[0]?.partitions ?? [];
  const ends = await admin.fetchTopicOffsets(TOPIC);
  await admin.disconnect();
  const behind = committed.filter(
    (p) => Number(p.offset) < Number(ends.find((e) => e.partition === p.partition)?.high ?? 0),
  );
  if (behind.length === 0) return undefined;
  const consumer = kafka.consumer({ groupId: `cdcscope-it-truth-${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topic: TOPIC });
  const oldest = new Map<number, number>();
  await new Promise<void>((resolve) => {
    consumer.on(consumer.events.GROUP_JOIN, () =>
      behind.forEach((p) => consumer.seek({ topic: TOPIC, partition: p.partition, offset: p.offset })),
    );
    void consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        const want = behind.find((p) => p.partition === partition);
        if (want && message.offset === want.offset) oldest.set(partition, Number(message.timestamp));
        if (oldest.size === behind.length) resolve();
      },
    });
  });
  await consumer.disconnect();
  return Date.now() - Math.min(...oldest.values());
}

describe('downstream consumer lag', () => {
  beforeAll(async () => {
    stack('consumers', '--delay-ms', '0');
    ({ pipeline, stop } = await startPipeline({
      sources: [
        {
          id: 'kafka',
          kind: 'kafka',
          brokers: [env.KAFKA_BOOTSTRAP],
          topics: [TOPIC],
          clientId: 'it-lag',
          lag: { groups: ['orders-service'], pollMs: 1000 },
        },
        {
          id: 'nats',
          kind: 'jetstream',
          servers: [env.NATS_URL],
          stream: env.NATS_STREAM,
          subject: 'pg.inventory.orders',
          lag: { consumers: ['orders-projection'], pollMs: 1000 },
        },
      ],
    }));
    await waitFor('both consumers watched', () => group() && durable(), 60_000, 500);
  }, 180_000);
  afterAll(async () => {
    stack('consumers', '--delay-ms', '0');
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
    await stop?.();
  }, 60_000);

  it('sees lag grow and rates it, measures its age within 20 %, and sees it clear', async () => {
    stack('consumers', '--delay-ms', '1500');
    const load = stackInBackground('load', '--rate', '20', '--seconds', '40');
    const slow = await waitFor(
      'Kafka group not OK with lag',
      () => {
        const g = group();
        return g && g.status !== 'OK' && g.totalLag > 5 ? g : undefined;
      },
      90_000,
      500,
    );
    expect(['WARN', 'ERR']).toContain(slow.status);
    const js = await waitFor(
      'JetStream consumer behind',
      () => {
        const c = durable();
        return c && c.lag > 5 && c.status !== 'OK' ? c : undefined;
      },
      60_000,
      500,
    );
    expect(js.timeLag?.ms).toBeGreaterThan(0);

    // Time lag against the real age of the oldest unconsumed message, once that age is large enough
    // that the 1 s polling and the seconds the truth read takes stay well inside the 20 %.
    await waitFor('a time lag of 10 s', () => (group()?.maxTimeLagMs ?? 0) >= 10_000, 60_000, 500);
    const truth = await trueOldestAgeMs();
    const reported = group()?.maxTimeLagMs;
    expect(truth).toBeDefined();
    expect(reported).not.toBeNull();
    expect(Math.abs((reported as number) - (truth as number)) / (truth as number)).toBeLessThan(0.2);
    expect(lag().history[`kafka:kafka:orders-service`]?.length).toBeGreaterThan(3);

    expect(await load).toBe(0);
    stack('consumers', '--delay-ms', '0');
    await waitFor('Kafka group OK again', () => group()?.status === 'OK' && group()?.totalLag === 0, 120_000, 500);
    await waitFor(
      'JetStream consumer OK again',
      () => durable()?.status === 'OK' && durable()?.lag === 0,
      120_000,
      500,
    );
  }, 300_000);
});
