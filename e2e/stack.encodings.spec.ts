import { expect, test } from '@playwright/test';
import { stackEnv } from '../test/support/stack-env';
import { ServerProcess } from './server-process';

/**
 * Each encoding of the stack read through the dashboard (issue #16): an
 * Avro table, a flattened table and the outbox router's events on the
 * overview, and in the inspector an Avro change shown decoded and masked, a
 * flattened row labelled, an outbox event with its payload and its link to
 * the outbox table's row change. Its own server: the shared stack dashboard
 * reads only the JSON replica topics.
 */
const env = stackEnv();
const server = new ServerProcess('e2e-encodings-server', 3106, { CDCSCOPE_CONFIG: 'e2e/encodings.config.yaml' });
const AVRO = `${env.AVRO_CONNECTOR ?? 'avro_a'}.${env.MARIADB_DATABASE ?? 'inventory'}.orders`;
const FLAT = `${env.FLAT_CONNECTOR ?? 'flat_a'}.${env.MARIADB_DATABASE ?? 'inventory'}.orders`;

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await server.stop();
});

test('Avro, flattened rows and outbox events on the overview and in the inspector', async ({ page }) => {
  await page.goto(`${server.url}/`);
  await expect(page.getByTestId('source-registry')).toHaveAttribute('data-registry-state', 'ok', { timeout: 60_000 });
  for (const table of [AVRO, FLAT])
    await expect(page.locator(`[data-testid="table-row"][data-table="${table}"]`)).toBeVisible({ timeout: 60_000 });
  const outboxRow = page.locator('[data-testid="outbox-row"][data-aggregate="order"][data-event-type="OrderCreated"]');
  await expect(outboxRow).toBeVisible({ timeout: 30_000 });
  expect(Number((await outboxRow.getByTestId('outbox-count').textContent())?.replace(/\D/g, ''))).toBeGreaterThan(0);

  // An Avro insert with a note: decoded, shown as JSON, the note masked in the row and in the raw view.
  await page.goto(`${server.url}/inspector?table=${encodeURIComponent(AVRO)}&op=c&field=after.note~%E2%80%A2`);
  const avroRow = page.getByTestId('inspector-row').first();
  await expect(avroRow).toBeVisible({ timeout: 30_000 });
  await avroRow.click();
  await expect(page.getByTestId('detail-raw-decoded')).toHaveAttribute('data-format', 'avro');
  // The raw view is pretty-printed: match the pair whatever the spacing.
  await expect(page.getByTestId('detail-raw-value')).toContainText(/"note": ?"••••••"/);
  await expect(page.locator('[data-testid="detail-field-row"][data-field="note"]')).toContainText('••••••');

  // A flattened row: labelled, no diff.
  await page.goto(`${server.url}/inspector?table=${encodeURIComponent(FLAT)}`);
  await page.getByTestId('inspector-row').first().click();
  await expect(page.getByTestId('detail-flattened')).toBeVisible();
  await expect(page.getByTestId('detail-diff')).toHaveCount(0);

  // An outbox event: its fields and payload, and the outbox table's row change it came from.
  await page.goto(`${server.url}/inspector?kind=outbox&aggregateType=order&eventType=OrderCreated`);
  await expect(page.getByTestId('inspector-filter-outbox')).toBeChecked();
  await page.getByTestId('inspector-row').first().click();
  await expect(page.getByTestId('detail-outbox')).toContainText('OrderCreated');
  await expect(page.getByTestId('detail-outbox-links')).toContainText('flat_a.inventory.outbox');
});
