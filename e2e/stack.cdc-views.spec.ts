import { expect, test, type Page } from '@playwright/test';
import mysql from 'mysql2/promise';
import { stackEnv } from '../test/support/stack-env';

/**
 * Issue #13 on the real stack, in the browser: a row's history on both replicas side by side,
 * a multi-row transaction arriving whole, and an ALTER TABLE as a drift badge and on the
 * table's schema timeline. Every change is made here on MariaDB's primary, so the spec does
 * not depend on what other tests or the load generator did before it.
 */
const env = stackEnv();
const db = env.MARIADB_DATABASE!;

async function primary(): Promise<mysql.Connection> {
  return mysql.createConnection({
    host: env.STACK_HOST,
    port: Number(env.MARIADB_PRIMARY_PORT),
    user: env.MARIADB_USER,
    password: env.MARIADB_PASSWORD,
    database: db,
  });
}

async function anyIds(my: mysql.Connection): Promise<{ customer: number; product: number }> {
  const [c] = await my.query<mysql.RowDataPacket[]>('SELECT MIN(id) AS id FROM customers');
  const [p] = await my.query<mysql.RowDataPacket[]>('SELECT MIN(id) AS id FROM products');
  return { customer: Number(c[0]!.id), product: Number(p[0]!.id) };
}

const keyPath = (id: number) => encodeURIComponent(JSON.stringify({ id }));

/**
 * A change travels primary → replica → connector → Kafka → cdcscope: seconds on a quiet machine, far more
 * on a loaded 2-core CI runner. Each wait is generous but bounded, and a test's own limit covers its waits.
 */
const ARRIVAL_MS = 120_000;
test.describe.configure({ timeout: 240_000 });

test('a row updated several times shows its whole history on both replicas', async ({ page }) => {
  const my = await primary();
  let orderId: number;
  try {
    const { customer, product } = await anyIds(my);
    const [res] = await my.query<mysql.ResultSetHeader>(
      'INSERT INTO orders (customer_id, product_id, quantity, unit_price, total, status, order_date) VALUES (?, ?, 1, 10, 10, ?, CURRENT_DATE)',
      [customer, product, 'new'],
    );
    orderId = res.insertId;
    for (const status of ['paid', 'shipped', 'delivered'])
      await my.query('UPDATE orders SET status = ? WHERE id = ?', [status, orderId]);
  } finally {
    await my.end();
  }
  const url = `/tables/replica_a.${db}.orders/rows/${keyPath(orderId)}?pair=inventory`;
  await expect
    .poll(
      async () => {
        await page.goto(url);
        try {
          const counts = await Promise.all(
            ['a', 'b'].map(async (side) => {
              const entries = page.getByTestId(`history-${side}`).getByTestId('history-entry');
              await expect(entries.first()).toBeVisible({ timeout: 15_000 });
              await expect(page.getByTestId(`history-status-${side}-done`)).toBeAttached({ timeout: 15_000 });
              return entries.count();
            }),
          );
          return Math.min(...counts);
        } catch {
          return 0; // not there yet: read again
        }
      },
      { timeout: ARRIVAL_MS, intervals: [2_000] },
    )
    .toBeGreaterThanOrEqual(4);
  for (const side of ['a', 'b']) {
    const timeline = page.getByTestId(`history-${side}`);
    await expect(timeline.locator('[data-testid="history-entry"][data-op="c"]')).toHaveCount(1);
    await expect(timeline.locator('[data-testid="history-entry"][data-op="u"]')).toHaveCount(3);
  }
  await expect(page.getByTestId('history-divergence-summary')).toHaveAttribute('data-diverged', 'false');
});

test('a multi-row transaction is listed whole and opens with all its events', async ({ page }) => {
  const my = await primary();
  const email = `e2e-tx-${Date.now()}@example.com`;
  try {
    const { product } = await anyIds(my);
    await my.beginTransaction();
    const [c] = await my.query<mysql.ResultSetHeader>(
      'INSERT INTO customers (first_name, last_name, email, password) VALUES (?, ?, ?, ?)',
      ['E2E', 'Transaction', email, 'x'],
    );
    for (let i = 0; i < 3; i++)
      await my.query(
        'INSERT INTO orders (customer_id, product_id, quantity, unit_price, total, status, order_date) VALUES (?, ?, 1, 5, 5, ?, CURRENT_DATE)',
        [c.insertId, product, 'new'],
      );
    await my.commit();
  } finally {
    await my.end();
  }
  type Tx = { key: string; connector: string; state: string; events: number; tables: { table: string }[] };
  let found: Tx | undefined;
  await expect
    .poll(
      async () => {
        const body = (await (await page.request.get('/api/transactions')).json()) as { recent: Tx[] };
        found = body.recent.find(
          (t) =>
            t.connector === 'replica_a' &&
            t.state === 'complete' &&
            t.events === 4 &&
            t.tables.some((x) => x.table.endsWith('.customers')) &&
            t.tables.some((x) => x.table.endsWith('.orders')),
        );
        return found !== undefined;
      },
      { timeout: ARRIVAL_MS, intervals: [2_000] },
    )
    .toBe(true);
  await page.goto('/transactions');
  await expect(page.locator(`[data-testid="transaction-row"][data-state="complete"]`).first()).toBeVisible();
  await page.goto(`/transactions/${encodeURIComponent(found!.key)}`);
  await expect(page.getByTestId('transaction-summary')).toContainText('4 events of 4 announced');
  await expect(page.getByTestId('transaction-events').locator('tbody tr')).toHaveCount(4);
});

test('an ALTER TABLE shows as a drift badge and on the table’s schema timeline', async ({ page }) => {
  const column = `e2e_${Date.now().toString(36)}`;
  const my = await primary();
  try {
    // A change in the old shape first, so the table has a shape to drift from whatever ran before.
    await my.query('UPDATE products SET stock = stock + 1 ORDER BY id LIMIT 1');
    await my.query(`ALTER TABLE products ADD COLUMN ${column} INT NULL`);
    await my.query(`UPDATE products SET ${column} = 1, stock = stock + 1 ORDER BY id LIMIT 1`);
  } finally {
    await my.end();
  }
  try {
    await expectDrift(page, `replica_a.${db}.products`, column);
  } finally {
    const again = await primary();
    await again.query(`ALTER TABLE products DROP COLUMN ${column}`).finally(() => again.end());
  }
});

async function expectDrift(page: Page, table: string, column: string): Promise<void> {
  await page.goto('/');
  const badge = page.locator(`[data-testid="drift-badge"]`, { hasText: table });
  await expect(badge).toBeVisible({ timeout: ARRIVAL_MS });
  await badge.click();
  await expect(page).toHaveURL(/\/schema$/);
  await expect(page.getByTestId('schema-page-title')).toContainText(table);
  await expect(page.getByTestId('schema-columns')).toContainText(column, { timeout: ARRIVAL_MS });
  await expect(page.getByTestId('schema-timeline')).toContainText(column);
}
