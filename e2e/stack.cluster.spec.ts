import { expect, test } from '@playwright/test';
import type { ServerProcess } from './server-process';
import { saveScreenshot } from './helpers';
import { creates } from '../test/support/cluster-run';
import { processCluster } from '../test/support/process-cluster';

/**
 * Issue #14 in the browser: two cdcscope processes of one deployment (the
 * machine's Redis, the stack's Kafka). Each source's client id carries the
 * instance's name, and Kafka's member ids start with it, so the range assignor
 * gives every 1-partition topic to instance 1: instance 2 reads none of them.
 * A browser on instance 2 still sees those tables, their exact counts, and
 * their new events live (pushed by instance 1 through Socket.IO's Redis adapter).
 */
const run = `e2ecl${Date.now()}`;
const topics = [`${run}.inventory.customers`, `${run}.inventory.orders`];
// Kafka's member ids start with the client id, so instance 1 sorts first for the range assignor.
const cluster = processCluster({ run, topics, source: { clientId: 'cdcscope-${CDCSCOPE_INSTANCE}' } });
const { producer } = cluster;
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
  await cluster.createTopics(1);
  for (const topic of topics) await producer.send({ topic, messages: creates(topic, 0, 40) });
  [one, two] = (await cluster.start(['i1', 'i2'])) as [ServerProcess, ServerProcess];
});

test.afterAll(async () => {
  test.setTimeout(60_000);
  await cluster.close();
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
