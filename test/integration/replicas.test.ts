import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import type { ReplicaPairSummary } from '../../lib/contracts/replicas';
import type { Pipeline } from '../../server/pipeline/pipeline';
import { startPipeline } from '../support/pipeline-harness';
import { stack, stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue #4's replica acceptance against the real pair: MariaDB primary → two
 * replicas → two Debezium connectors (replica_a, replica_b) → Kafka.
 */
const env = stackEnv();
const GRACE_MS = 5_000;
let pipeline: Pipeline;
let stop: () => Promise<void>;

const pair = (): ReplicaPairSummary => {
  const p = pipeline.state.replicas()[0];
  if (!p) throw new Error('no replica pair');
  return p;
};
const onlyIn = (side: 'a' | 'b') => pair().totals[side].onlyIn;
const connect = (path: string, init?: RequestInit) => fetch(`${env.CONNECT_URL}${path}`, init);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('replica pair replica_a / replica_b', () => {
  beforeAll(async () => {
    stack('resume', 'replica_a');
    stack('resume', 'replica_b');
    ({ pipeline, stop } = await startPipeline({
      sources: [
        {
          id: 'kafka',
          kind: 'kafka',
          brokers: [env.KAFKA_BOOTSTRAP],
          topics: ['/^replica_[ab]\\.inventory\\./'],
          start: 'latest',
          clientId: 'it-replicas',
          topicRefreshMs: 5000,
        },
      ],
      replicas: [
        { id: 'inventory', a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' }, graceMs: GRACE_MS },
      ],
    }));
    await sleep(3_000);
  }, 180_000);
  afterAll(async () => {
    stack('resume', 'replica_b');
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
    await stop?.();
  }, 60_000);

  it('matches every change under load: no loss, no divergence', async () => {
    stack('load', '--rate', '15', '--seconds', '15');
    await waitFor(
      'all copies matched',
      () => {
        const t = pair().totals;
        return t.matched > 50 && t.a.pending + t.b.pending === 0 && t.a.onlyIn + t.b.onlyIn === 0;
      },
      60_000,
      500,
    );
    const t = pair().totals;
    expect(t.a.lost + t.b.lost).toBe(0);
    expect(t.divergent).toBe(0);
    expect(t.a.evicted + t.b.evicted).toBe(0);
    expect(pair().idBasis.gtid).toBeGreaterThan(0);
  }, 120_000);

  it('counts only-in-A while replica_b is paused, and matches them after resume', async () => {
    const lateBefore = pair().totals.lateMatches;
    stack('pause', 'replica_b');
    await sleep(2_000);
    // Paused for 30 s under load, as an operator pausing a connector would.
    const load = stack('load', '--rate', '10', '--seconds', '28');
    expect(load).toBeTruthy();
    await waitFor('only-in-A climbing', () => onlyIn('a') > 20, 30_000, 500);
    const peak = onlyIn('a');
    expect(onlyIn('b')).toBe(0);
    stack('resume', 'replica_b');
    await waitFor('only-in-A back to 0', () => onlyIn('a') === 0, 90_000, 500);
    expect(pair().totals.lateMatches - lateBefore).toBeGreaterThanOrEqual(peak);
    expect(pair().totals.a.lost + pair().totals.b.lost).toBe(0);
  }, 180_000);

  it('counts re-sent events of a connector rewound to earlier offsets as duplicates, not loss', async () => {
    const before = (await (await connect('/connectors/replica_b/offsets')).json()) as { offsets: unknown[] };
    stack('load', '--rate', '10', '--seconds', '6');
    await waitFor('settled', () => pair().totals.a.pending + pair().totals.b.pending === 0, 60_000, 500);
    const dupBefore = pair().totals.b.duplicates;
    const matchedBefore = pair().totals.matched;
    // Stop, move the committed binlog position back to where it was, resume: the connector re-reads and re-sends.
    expect((await connect('/connectors/replica_b/stop', { method: 'PUT' })).status).toBeLessThan(300);
    await waitFor(
      'replica_b stopped',
      async () =>
        ((await (await connect('/connectors/replica_b/status')).json()) as { connector: { state: string } }).connector
          .state === 'STOPPED',
      60_000,
      500,
    );
    const patched = await connect('/connectors/replica_b/offsets', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ offsets: before.offsets }),
    });
    expect(patched.status, await patched.text()).toBe(200);
    expect((await connect('/connectors/replica_b/resume', { method: 'PUT' })).status).toBeLessThan(300);
    await waitFor('duplicates on B', () => pair().totals.b.duplicates - dupBefore > 20, 90_000, 500);
    await sleep(GRACE_MS + 2_000);
    const t = pair().totals;
    expect(t.b.onlyIn).toBe(0);
    expect(t.a.onlyIn).toBe(0);
    expect(t.b.lost + t.a.lost).toBe(0);
    expect(t.matched).toBeGreaterThanOrEqual(matchedBefore);
  }, 240_000);

  it('reports a copy altered on one side as divergent, with the differing field', async () => {
    const now = Date.now();
    const gtid = `0-1-${9_000_000_000 + (now % 1_000_000_000)}`;
    const id = 900_000 + (now % 100_000);
    const event = (server: string, serverId: number, email: string) => ({
      before: null,
      after: { id, first_name: 'Div', last_name: 'Ergent', email, password: 'x' },
      source: {
        version: '3.5.0.Final',
        connector: 'mariadb',
        name: server,
        ts_ms: now,
        snapshot: 'false',
        db: 'inventory',
        table: 'customers',
        server_id: serverId,
        gtid,
        file: 'mysql-bin.000009',
        pos: 4 + serverId,
        row: 0,
        thread: 1,
        query: null,
      },
      op: 'c',
      ts_ms: now,
      transaction: null,
    });
    const producer = new Kafka({
      clientId: 'it-divergence',
      brokers: [env.KAFKA_BOOTSTRAP as string],
      logLevel: logLevel.NOTHING,
    }).producer();
    await producer.connect();
    await producer.send({
      topic: 'replica_a.inventory.customers',
      messages: [{ key: JSON.stringify({ id }), value: JSON.stringify(event('replica_a', 2, 'div@example.com')) }],
    });
    await producer.send({
      topic: 'replica_b.inventory.customers',
      messages: [{ key: JSON.stringify({ id }), value: JSON.stringify(event('replica_b', 3, 'tampered@example.com')) }],
    });
    await producer.disconnect();
    const found = await waitFor(
      'the divergent pair',
      () => pair().divergentPairs.find((d) => d.id.includes(gtid)),
      30_000,
      250,
    );
    expect(found.table).toBe('inventory.customers');
    const email = found.diff?.find((d) => d.path.join('.') === 'after.email');
    expect(email).toMatchObject({ kind: 'changed', before: 'div@example.com', after: 'tampered@example.com' });
    expect(found.diff?.some((d) => d.path.includes('server_id') || d.path.includes('pos'))).toBe(false);
    expect(pair().totals.divergent).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
