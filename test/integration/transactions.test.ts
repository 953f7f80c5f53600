import { afterAll, describe, expect, it } from 'vitest';
import type { TransactionSummary } from '../../lib/contracts/transactions';
import type { Pipeline } from '../../server/pipeline/pipeline';
import { kafkaClient, kafkaEndOrNone, kafkaReadRaw, type RawRecord } from '../../scripts/stack.d/testkit';
import { startPipeline } from '../support/pipeline-harness';
import { stackEnv, stackInBackground, waitFor } from '../support/stack-env';

/**
 * Issue 13 section 2 on the real stack. replica_a sends Debezium's transaction metadata
 * (provide.transaction.metadata=true): a multi-row transaction of the load generator
 * (order + stock + loyalty points) is reassembled whole, with all its events and none
 * judged incomplete after the grace period. Then the same transaction, copied with its
 * BEGIN/END but without its customers event to topics a second pipeline reads, is flagged
 * incomplete with inventory.customers as the short table.
 */
const env = stackEnv();
const db = env.MARIADB_DATABASE!;
const kafka = kafkaClient(env);
const copy = `txit${Date.now().toString(36)}`;
const TABLES = ['orders', 'products', 'customers'].map((t) => `${db}.${t}`);
/** TRANSACTION_TABLE_DEFAULTS.graceMs plus the 1 s tick. */
const GRACE_MS = 11_000;

const stops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of stops) await s();
  const admin = kafka.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((t) => t.startsWith(copy));
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.disconnect();
});

function source(id: string, topics: string[], start: 'latest' | 'earliest') {
  return {
    id,
    kind: 'kafka',
    brokers: [env.KAFKA_BOOTSTRAP],
    clientId: `it-${id}-${copy}`,
    topics,
    start,
    topicRefreshMs: 2_000,
  };
}

const transactionsOf = (p: Pipeline, connector: string) =>
  p.state.transactions().recent.filter((t) => t.connector === connector);

/** The JSON value of a record, unwrapped from the Connect schema wrapper if it has one. */
function payloadOf(r: RawRecord): { wrapped: boolean; value: Record<string, unknown>; whole: Record<string, unknown> } {
  const whole = JSON.parse(r.value?.toString() ?? 'null') as Record<string, unknown>;
  const wrapped = 'schema' in whole && 'payload' in whole;
  return { wrapped, value: (wrapped ? whole.payload : whole) as Record<string, unknown>, whole };
}

describe('transactions on the real stack', () => {
  it('a multi-row transaction arrives whole; the same one with an event dropped is flagged with its short table', async () => {
    const topics = [`replica_a.transaction`, ...TABLES.map((t) => `replica_a.${t}`)];
    const from = new Map(await Promise.all(topics.map(async (t) => [t, await kafkaEndOrNone(kafka, t)] as const)));
    const live = await startPipeline({
      // Every table of the connector: a transaction of a table left out (the heartbeat's) would be short here.
      sources: [source('live', ['/^replica_a\\./'], 'latest')],
    });
    stops.push(live.stop);
    const p = live.pipeline;
    expect(
      await stackInBackground('load', '--rate', '20', '--seconds', '5', '--db', 'mariadb', '--alter-every', '0'),
    ).toBe(0);

    const isWhole = (t: TransactionSummary) =>
      t.basis === 'metadata' && t.state === 'complete' && t.sawBegin && t.sawEnd && t.tables.length === 3;
    const whole = await waitFor(
      'a complete 3-table transaction',
      () => transactionsOf(p, 'replica_a').find(isWhole),
      60_000,
      500,
    );
    expect(whole.events).toBe(whole.expectedEvents);
    expect(whole.tables.map((t) => t.table)).toEqual([...TABLES].sort());
    for (const t of whole.tables) expect(t.seen).toBe(t.expected);
    const detail = p.state.transaction(whole.key);
    expect(detail?.evicted).toBe(0);
    expect(detail?.events).toHaveLength(whole.expectedEvents ?? -1);

    // After the grace period nothing the load generator wrote is incomplete.
    await new Promise((r) => setTimeout(r, GRACE_MS));
    const all = transactionsOf(p, 'replica_a').filter((t) => t.basis === 'metadata');
    expect(all.filter((t) => t.state === 'incomplete')).toEqual([]);
    expect(p.state.transactions().connectors.find((c) => c.connector === 'replica_a')).toMatchObject({
      incomplete: 0,
      metadata: true,
    });

    // The same transaction copied to `<copy>.*` topics: BEGIN, its orders and products events, END; no customers event.
    const records = new Map<string, RawRecord[]>();
    for (const t of topics)
      records.set(
        t,
        await kafkaReadRaw(kafka, t, from.get(t) ?? new Map<number, string>(), await kafkaEndOrNone(kafka, t), 30_000),
      );
    const ofTx = (r: RawRecord) => {
      if (r.value === null || r.value.length === 0) return false; // a delete's tombstone belongs to no transaction
      const v = payloadOf(r).value;
      const id =
        typeof v.transaction === 'object' && v.transaction !== null ? (v.transaction as { id?: unknown }).id : v.id;
      return id === whole.id;
    };
    const boundaries = (records.get('replica_a.transaction') ?? []).filter(ofTx);
    expect(boundaries.map((r) => payloadOf(r).value.status)).toEqual(['BEGIN', 'END']);
    const producer = kafka.producer();
    await producer.connect();
    const admin = kafka.admin();
    await admin.connect();
    const copied = [`${copy}.transaction`, ...TABLES.map((t) => `${copy}.${t}`)];
    await admin.createTopics({ topics: copied.map((topic) => ({ topic })), waitForLeaders: true });
    await admin.disconnect();
    const send = async (topic: string, r: RawRecord, rename: boolean) => {
      const { wrapped, value, whole: w } = payloadOf(r);
      // Data events name their connector in source.name: the copy is its own connector.
      if (rename) (value.source as Record<string, unknown>).name = copy;
      await producer.send({ topic, messages: [{ key: r.key, value: JSON.stringify(wrapped ? w : value) }] });
    };
    await send(`${copy}.transaction`, boundaries[0]!, false);
    for (const t of TABLES.filter((t) => !t.endsWith('.customers')))
      for (const r of (records.get(`replica_a.${t}`) ?? []).filter(ofTx)) await send(`${copy}.${t}`, r, true);
    await send(`${copy}.transaction`, boundaries[1]!, false);
    await producer.disconnect();

    const short = await startPipeline({ sources: [source('copy', [`/^${copy}\\./`], 'earliest')] });
    stops.push(short.stop);
    const flagged = await waitFor(
      'the copy judged incomplete',
      () => transactionsOf(short.pipeline, copy).find((t) => t.state === 'incomplete'),
      GRACE_MS + 30_000,
      500,
    );
    expect(flagged.id).toBe(whole.id);
    expect(flagged.shortTables).toEqual([`${db}.customers`]);
    expect(flagged.events).toBe(
      (whole.expectedEvents ?? 0) - (whole.tables.find((t) => t.table.endsWith('.customers'))?.expected ?? 0),
    );
    expect(short.pipeline.state.transactions().connectors.find((c) => c.connector === copy)?.incomplete).toBe(1);
  }, 180_000);
});
