import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { numberIn, saveScreenshot } from './helpers';
import { stackEnv } from '../test/support/stack-env';

const env = stackEnv();
let load: ChildProcess | undefined;

test.beforeAll(() => {
  // Steady changes on both databases while the test watches the dashboard.
  load = spawn('bash', ['scripts/stack', 'load', '--rate', '20', '--seconds', '80'], { stdio: 'ignore' });
});
test.afterAll(() => {
  load?.kill('SIGTERM');
});

const row = (page: import('@playwright/test').Page, key: string) =>
  page.locator(`[data-testid="table-row"][data-table="${key}"]`);

test('overview shows both replica connectors and JetStream live, and a PostgreSQL insert within 5 s', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.locator('[data-testid="source-card"][data-source-id="kafka"]')).toHaveAttribute(
    'data-status',
    'live',
    { timeout: 30_000 },
  );
  await expect(page.locator('[data-testid="source-card"][data-source-id="nats"]')).toHaveAttribute(
    'data-status',
    'live',
    { timeout: 30_000 },
  );

  for (const key of ['replica_a.inventory.orders', 'replica_b.inventory.orders', 'pg.inventory.orders']) {
    await expect(row(page, key)).toBeVisible({ timeout: 45_000 });
    await expect
      .poll(async () => numberIn(await row(page, key).getByTestId('table-rate').textContent()), { timeout: 45_000 })
      .toBeGreaterThan(0);
  }
  const tables = (await (await page.request.get('/api/tables')).json()) as {
    tableKey: string;
    lag: { endToEnd: { m1: { count: number; p50: number | null } } };
  }[];
  const orders = tables.find((t) => t.tableKey === 'replica_a.inventory.orders');
  expect(orders?.lag.endToEnd.m1.count).toBeGreaterThan(0);
  expect(orders?.lag.endToEnd.m1.p50).not.toBeNull();

  const customers = row(page, 'pg.inventory.customers');
  await expect(customers).toBeVisible({ timeout: 30_000 });
  const before = numberIn(await customers.getByTestId('table-total').textContent());
  const client = new pg.Client({
    host: '127.0.0.1',
    port: Number(env.PG_PORT),
    database: env.PG_DATABASE,
    user: env.PG_USER,
    password: env.PG_PASSWORD,
  });
  await client.connect();
  let id: number;
  try {
    const res = await client.query<{ id: number }>(
      `INSERT INTO inventory.customers (first_name, last_name, email, password) VALUES ('E2E', 'Probe', $1, 'x') RETURNING id`,
      [`e2e-${Date.now()}@example.com`],
    );
    id = res.rows[0]!.id;
  } finally {
    await client.end();
  }
  const inserted = Date.now();
  // The load generator also writes customers, so look for this very row, by its key.
  await expect
    .poll(
      async () => {
        const events = (await (
          await page.request.get(`/api/tables/${encodeURIComponent('pg.inventory.customers')}/events`)
        ).json()) as { op?: string; key?: string }[];
        return events.some((e) => e.op === 'c' && e.key === `id=${id}`);
      },
      { timeout: 5_000, intervals: [200] },
    )
    .toBe(true);
  expect(Date.now() - inserted).toBeLessThan(5_000);
  await expect
    .poll(async () => numberIn(await customers.getByTestId('table-total').textContent()), {
      timeout: 5_000,
      intervals: [250],
    })
    .toBeGreaterThan(before);
  await saveScreenshot(page, 'stack-overview');
});
