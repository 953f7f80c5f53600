import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Kafka, logLevel } from 'kafkajs';
import pg from 'pg';
import { ServerProcess } from './server-process';
import { saveScreenshot } from './helpers';
import { clearRun, creates, TEST_REDIS } from '../test/support/cluster-run';
import { freePort } from '../test/support/private-redis';
import { stackEnv } from '../test/support/stack-env';

/**
 * Issue #14 in the browser: two cdcscope processes of one deployment (the
 * machine's Redis, the stack's Kafka). Each source's client id carries the
 * instance's name, and Kafka's member ids start with it, so the range assignor
 * gives every 1-partition topic to instance 1: instance 2 reads none of them.
 * A browser on instance 2 still sees those tables, their exact counts, and
 * their new events live (pushed by instance 1 through Socket.IO's Redis adapter).
 */
const env = stackEnv();
const run = `e2ecl${Date.now()}`;
const topics = [`${run}.inventory.customers`, `${run}.inventory.orders`];
const auditTable = `e2e_cluster_audit_${run}`;
const pgUrl = `postgres://${env.PG_USER}:${env.PG_PASSWORD}@${env.STACK_HOST}:${env.PG_PORT}/${env.PG_DATABASE}`;
const kafka = new Kafka({
  clientId: 'cdcscope-e2e',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const producer = kafka.producer();
let one: ServerProcess;
let two: ServerProcess;

/** This instance's own event counter for a table (its /metrics, not the merged view), 0 when absent. */
async function ownEvents(s: ServerProcess, table: string): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((l) => l.startsWith('cdcscope_events_total{') && l.includes(`table="${table}"`))
    .reduce((n, l) => n + Number(l.split(' ').at(-1)), 0);
}

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(240_000);
  await Promise.all([admin.connect(), producer.connect()]);
  await admin.createTopics({ topics: topics.map((topic) => ({ topic, numPartitions: 1 })), waitForLeaders: true });
  for (const topic of topics) await producer.send({ topic, messages: creates(topic, 0, 40) });
  mkdirSync('test-results', { recursive: true });
  const file = `test-results/${run}.config.json`;
  writeFileSync(
    file,
    JSON.stringify({
      sources: [
        {
          id: 'k',
          kind: 'kafka',
          brokers: [env.KAFKA_BOOTSTRAP],
          topics,
          start: 'earliest',
          clientId: 'cdcscope-${CDCSCOPE_INSTANCE}',
        },
      ],
      audit: { kind: 'postgres', connectionString: pgUrl, table: auditTable },
      cluster: { redis: TEST_REDIS, instanceId: '${CDCSCOPE_INSTANCE}', name: run, publishMs: 500, staleMs: 2_500 },
    }),
  );
  one = new ServerProcess(`${run}-i1`, await freePort(), { CDCSCOPE_CONFIG: file, CDCSCOPE_INSTANCE: 'i1' });
  two = new ServerProcess(`${run}-i2`, await freePort(), { CDCSCOPE_CONFIG: file, CDCSCOPE_INSTANCE: 'i2' });
  // One after another: two Next.js start-ups at once on a small machine can outlast the audit log's 5 s connect timeout.
  await one.start();
  await two.start();
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await Promise.allSettled([one.stop(), two.stop()]);
  await admin.deleteTopics({ topics }).catch(() => undefined);
  await admin.deleteGroups([`cdcscope-cluster-${run}-k`]).catch(() => undefined);
  await clearRun(run);
  const db = new pg.Client({ connectionString: pgUrl });
  await db.connect();
  await db.query(`DROP TABLE IF EXISTS ${auditTable}`).catch(() => undefined);
  await db.end();
  await Promise.allSettled([admin.disconnect(), producer.disconnect()]);
});

test('a browser on instance 2 sees the tables only instance 1 reads, with their counts and live events', async ({
  page,
}) => {
  // Instance 1 reads both tables; instance 2 reads neither (its own counters stay at zero).
  for (const t of topics) await expect.poll(() => ownEvents(one, t), { timeout: 60_000 }).toBe(40);
  for (const t of topics) expect(await ownEvents(two, t)).toBe(0);

  await page.goto(`${two.url}/`);
  for (const t of topics) {
    const row = page.locator(`[data-testid="table-row"][data-table="${t}"]`);
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row.getByTestId('table-total')).toHaveAttribute('data-value', '40', { timeout: 30_000 });
  }
  await saveScreenshot(page, 'cluster-instance-2-overview');

  // The table page on instance 2: the merged figures, then instance 1's new events of it, live, as it reads them.
  const [customers] = topics as [string, string];
  await page.goto(`${two.url}/tables/${encodeURIComponent(customers)}`);
  await expect(page.getByText('40 newest first').or(page.getByText('No event received yet.'))).toBeVisible();
  await page.waitForTimeout(2_000); // a few snapshots: instance 1 learns that a socket on instance 2 watches the table
  await producer.send({ topic: customers, messages: creates(customers, 40, 5) });
  const rowOf = (id: number) => page.getByTestId('event-row').filter({ hasText: `id=${id}` });
  for (const id of [40, 44]) await expect(rowOf(id)).toBeVisible({ timeout: 30_000 });
  expect(await ownEvents(two, customers)).toBe(0);
  await page.goto(`${two.url}/`);
  await expect(
    page.locator(`[data-testid="table-row"][data-table="${customers}"]`).getByTestId('table-total'),
  ).toHaveAttribute('data-value', '45', { timeout: 30_000 });
});
