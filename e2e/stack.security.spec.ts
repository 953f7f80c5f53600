import { expect, test } from '@playwright/test';
import pg from 'pg';
import { stackEnv } from '../test/support/stack-env';

const env = stackEnv();
const SECRET = `S3cr3t-${Date.now()}`;
const MARKUP = `<img src=x onerror="window.__xss=1">`;

async function insertHostileCustomer(): Promise<number> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: Number(env.PG_PORT),
    database: env.PG_DATABASE,
    user: env.PG_USER,
    password: env.PG_PASSWORD,
  });
  await client.connect();
  try {
    const res = await client.query<{ id: number }>(
      `INSERT INTO inventory.customers (first_name, last_name, email, password) VALUES ($1, 'Probe', $2, $3) RETURNING id`,
      [MARKUP, `sec-${Date.now()}@example.com`, SECRET],
    );
    const id = res.rows[0]!.id;
    // An update that changes the secret too: its diff must not reveal either value.
    await client.query(`UPDATE inventory.customers SET password = $1, phone = '+1-555-0000' WHERE id = $2`, [
      `${SECRET}-2`,
      id,
    ]);
    return id;
  } finally {
    await client.end();
  }
}

test('a masked column appears in no API response, page or socket message, and row markup stays text', async ({
  page,
}) => {
  const seen: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => seen.push(String(f.payload))));
  page.on('response', async (r) => {
    if (r.url().includes('/api/')) seen.push(await r.text().catch(() => ''));
  });
  await page.goto('/');
  const id = await insertHostileCustomer();

  const table = 'pg.inventory.customers';
  let eventId = '';
  await expect
    .poll(
      async () => {
        const body = (await (
          await page.request.get(
            `/api/events?table=${encodeURIComponent(table)}&op=u&key=${encodeURIComponent(`id=${id}`)}`,
          )
        ).json()) as { items: { id: string }[] };
        eventId = body.items[0]?.id ?? '';
        return eventId;
      },
      { timeout: 15_000 },
    )
    .not.toBe('');
  seen.push(await (await page.request.get(`/api/events/${encodeURIComponent(eventId)}`)).text());

  await page.goto(`/tables/${encodeURIComponent(table)}`);
  await expect(page.getByTestId('event-row').first()).toBeVisible();
  seen.push(await page.content());
  await page.goto(`/inspector/${encodeURIComponent(eventId)}`);
  const detail = page.getByTestId('inspector-detail');
  await expect(detail).toBeVisible();
  await expect(detail.locator('[data-testid="detail-field-row"][data-field="first_name"]')).toContainText(MARKUP);
  await expect(detail.locator('[data-testid="detail-field-row"][data-field="password"]')).toContainText('••••••');
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  seen.push(await page.content());
  seen.push(await (await page.request.get('/metrics')).text());

  expect(seen.length).toBeGreaterThan(5);
  const leaks = seen.filter((s) => s.includes(SECRET));
  expect(leaks, `the secret leaked in ${leaks.length} of ${seen.length} outputs`).toEqual([]);
});
