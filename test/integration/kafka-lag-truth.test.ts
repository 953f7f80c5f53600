import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { kafkaSourceSchema } from '../../lib/config/schema';
import type { ConsumerLagSnapshot } from '../../lib/contracts/lag-api';
import { createKafkaLagPoller } from '../../server/brokers/kafka/lag-poller';
import type { LagPoller } from '../../server/lag/lag-monitor';
import { stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue 10 item 2: the time lag of a group that was already behind when
 * cdcscope started is the age of its oldest unconsumed message from the first
 * poll, and a group nobody consumes for (STOP) is told from one whose member
 * holds its partition still (STALL).
 */
const env = stackEnv();
const run = Date.now().toString(36);
const topic = `cdcscope-lagtruth-${run}`;
const kafka = new Kafka({
  clientId: 'it-lag-truth',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer();
const N = 600;
const COMMITTED = 300;
/** Timestamp of message i: one second apart, the last one now. */
let t0 = 0;
const tsOf = (i: number) => t0 + i * 1_000;
let poller: LagPoller | undefined;
let holder: Consumer | undefined;

const groupIn = (s: ConsumerLagSnapshot['kafka'], name: string) => s.find((g) => g.group === name);
/** ±5 % or ±2 s, whichever is larger (the bound). */
const within = (ms: number, truth: number) => Math.abs(ms - truth) <= Math.max(0.05 * truth, 2_000);

describe('Kafka time lag of groups already behind, stopped and stalled', () => {
  beforeAll(async () => {
    await Promise.all([admin.connect(), producer.connect()]);
    await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
    t0 = Date.now() - (N - 1) * 1_000;
    await producer.send({
      topic,
      messages: Array.from({ length: N }, (_, i) => ({ value: `{"n":${i}}`, timestamp: String(tsOf(i)) })),
    });
    // Two groups committed at 300 before cdcscope starts: one left empty, one whose member sits on its partition.
    for (const groupId of [`stopped-${run}`, `stalled-${run}`])
      await admin.setOffsets({ groupId, topic, partitions: [{ partition: 0, offset: String(COMMITTED) }] });
    const c = kafka.consumer({ groupId: `stalled-${run}` });
    holder = c;
    c.on(c.events.GROUP_JOIN, () => c.pause([{ topic }]));
    await c.connect();
    await c.subscribe({ topic });
    await c.run({ autoCommit: false, eachMessage: () => Promise.resolve() });
    await waitFor('the stalled group stable', async () => {
      const d = await admin.describeGroups([`stalled-${run}`]);
      return d.groups[0]?.state === 'Stable';
    });
  });
  afterAll(async () => {
    await poller?.close();
    await holder?.disconnect();
    await admin.deleteGroups([`stopped-${run}`, `stalled-${run}`]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
  });

  it('measures the oldest unconsumed message on the first poll, and tells STOP from STALL', async () => {
    const config = kafkaSourceSchema.parse({
      id: 'k',
      kind: 'kafka',
      brokers: [env.KAFKA_BOOTSTRAP],
      topics: [topic],
      clientId: `it-${run}`,
      lag: { groups: [`stopped-${run}`, `stalled-${run}`], pollMs: 1_000 },
    });
    poller = createKafkaLagPoller({ ...config, lag: config.lag ?? { groups: [], pollMs: 1_000 } });
    const p = poller;
    // The first snapshot that has the groups is the first poll's.
    const first = await waitFor('the first poll', () => {
      const s = p.snapshot().kafka;
      return groupIn(s, `stopped-${run}`) && groupIn(s, `stalled-${run}`) ? s : undefined;
    });
    const at = Date.now();
    const truth = at - tsOf(COMMITTED);
    const stopped = groupIn(first, `stopped-${run}`);
    const part = stopped?.partitions[0];
    console.log(
      `first poll: timeLag ${part?.timeLag?.ms} ms (${part?.timeLag?.source}), truth ${truth} ms; lag ${part?.lag}`,
    );
    expect(part).toMatchObject({ lag: N - COMMITTED, status: 'STOP', rule: 'no-member', member: null });
    expect(part?.timeLag?.source).toBe('direct');
    expect(within(part?.timeLag?.ms ?? 0, truth)).toBe(true);
    expect(stopped).toMatchObject({ status: 'ERR', worst: 'STOP', state: 'Empty', members: 0 });

    const stalledFirst = groupIn(first, `stalled-${run}`)?.partitions[0];
    expect(stalledFirst?.timeLag?.source).toBe('direct');
    expect(within(stalledFirst?.timeLag?.ms ?? 0, truth)).toBe(true);
    expect(stalledFirst?.member).toMatch(/@/);

    // The member holds the partition and never moves: STALL once Burrow's window has two commits.
    const stalled = await waitFor('STALL', () => {
      const g = groupIn(p.snapshot().kafka, `stalled-${run}`);
      return g?.partitions[0]?.status === 'STALL' ? g : undefined;
    });
    expect(stalled).toMatchObject({ status: 'ERR', worst: 'STALL', state: 'Stable', members: 1 });
    expect(stalled.partitions[0]).toMatchObject({ rule: 'stalled', lag: N - COMMITTED });
    // Still the message's own age, a poll later: read once, kept.
    expect(within(stalled.partitions[0]?.timeLag?.ms ?? 0, Date.now() - tsOf(COMMITTED))).toBe(true);
  });
});
