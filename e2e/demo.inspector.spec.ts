import { expect, test } from '@playwright/test';
import { eventPageSchema } from '../lib/contracts/inspector';
import { saveScreenshot } from './helpers';

const TABLE = 'demo_a.inventory.customers';

test.describe('demo pipeline: event inspector', () => {
  test('finds an update by table and op, highlights its changed fields, and opens it by its URL', async ({
    page,
    context,
  }) => {
    await page.goto(`/inspector?table=${encodeURIComponent(TABLE)}&op=u`);
    const row = page.locator('[data-testid="inspector-row"][data-op="u"]').first();
    await expect(row).toBeVisible({ timeout: 30_000 });
    await expect(row).toHaveAttribute('data-table', TABLE);
    await page.getByTestId('inspector-pause').click();
    await row.click();
    const detail = page.getByTestId('inspector-detail');
    await expect(detail).toBeVisible();
    const id = await detail.getAttribute('data-id');
    expect(id).toBeTruthy();
    await expect(detail.locator('[data-testid="detail-field-row"][data-changed="true"]').first()).toBeVisible();
    // The demo's customers carry a `password` column: masked by the default rules.
    await expect(detail.locator('[data-testid="detail-field-row"][data-field="password"]')).toContainText('••••••');
    await expect(detail).not.toContainText('pbkdf2$');
    await saveScreenshot(page, 'demo-inspector');

    const other = await context.newPage();
    await other.goto(`/inspector/${encodeURIComponent(id as string)}`);
    await expect(other.getByTestId('inspector-detail')).toHaveAttribute('data-id', id as string);
    await other.close();
  });

  test('the replica side filter keeps one side of the demo pair', async ({ page, request }) => {
    const b = (await (await request.get('/api/events?side=demo:b&limit=50')).json()) as {
      items: { tableKey?: string }[];
    };
    expect(b.items.length).toBeGreaterThan(0);
    expect(b.items.every((e) => (e.tableKey ?? '').startsWith('demo_b.'))).toBe(true);
    expect((await request.get('/api/events?side=nope:a')).status()).toBe(400);
    await page.goto('/inspector?side=demo%3Aa');
    await expect(page.getByTestId('inspector-filter-side')).toHaveValue('demo:a');
    await expect(page.locator('[data-testid="inspector-row"]').first()).toHaveAttribute('data-table', /^demo_a\./);
  });

  test('the events API filters, pages and never returns a masked value', async ({ request }) => {
    const page1 = await request.get(`/api/events?table=${encodeURIComponent(TABLE)}&limit=20`);
    expect(page1.status()).toBe(200);
    const body = eventPageSchema.parse(await page1.json());
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.every((e) => (e.tableKey ?? e.table ?? '').includes('inventory.customers'))).toBe(true);
    if (body.nextCursor) {
      const page2 = eventPageSchema.parse(
        await (
          await request.get(
            `/api/events?table=${encodeURIComponent(TABLE)}&limit=20&cursor=${encodeURIComponent(body.nextCursor)}`,
          )
        ).json(),
      );
      const ids = new Set(body.items.map((e) => e.id));
      expect(page2.items.some((e) => ids.has(e.id))).toBe(false);
    }
    const detail = await (await request.get(`/api/events/${encodeURIComponent(body.items[0]!.id)}`)).text();
    expect(detail).not.toContain('pbkdf2$');
    expect((await request.get('/api/events?limit=9999')).status()).toBe(400);
    expect((await request.get(`/api/events/${encodeURIComponent('nope:nope:#1')}`)).status()).toBe(404);
  });
});
