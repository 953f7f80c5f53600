import { expect, test } from '@playwright/test';
import { z } from 'zod';
import { sourceSummarySchema } from '../lib/contracts/source-status';
import { tableDetailSchema } from '../lib/contracts/table-stats';
import { numberIn, saveScreenshot } from './helpers';

test.describe('demo pipeline (no configuration)', () => {
  test('overview lists the demo tables live, with throughput and lag', async ({ page }) => {
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto('/');
    const source = page.locator('[data-testid="source-card"][data-source-id="demo"]');
    await expect(source).toHaveAttribute('data-status', 'live');
    await expect(page.getByTestId('connection-state')).toContainText(/connected|live/i);

    const customers = page.locator('[data-testid="table-row"][data-table="demo_a.inventory.customers"]');
    await expect(customers).toBeVisible();
    for (const key of ['demo_b.inventory.orders', 'demo_pg.billing.payments']) {
      await expect(page.locator(`[data-testid="table-row"][data-table="${key}"]`)).toBeVisible();
    }
    await expect
      .poll(async () => numberIn(await customers.getByTestId('table-total').textContent()), { timeout: 20_000 })
      .toBeGreaterThan(15);
    const first = numberIn(await customers.getByTestId('table-total').textContent());
    await expect
      .poll(async () => numberIn(await customers.getByTestId('table-total').textContent()), { timeout: 20_000 })
      .toBeGreaterThan(first);
    await expect
      .poll(async () => numberIn(await customers.getByTestId('table-rate').textContent()), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await saveScreenshot(page, 'demo-overview');
    expect(errors).toEqual([]);
  });

  test('a table page shows charts and its recent events', async ({ page }) => {
    await page.goto(`/tables/${encodeURIComponent('demo_a.inventory.orders')}`);
    await expect(page.getByTestId('table-page-title')).toContainText('demo_a.inventory.orders');
    await expect(page.getByTestId('event-row').first()).toBeVisible();
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    await saveScreenshot(page, 'demo-table');
    // New events come by push, without a reload (the socket is connected, so nothing polls): a newer one tops the list.
    const newest = () => page.getByTestId('event-row').first().getAttribute('data-event-id');
    const first = await newest();
    await expect.poll(newest, { timeout: 15_000 }).not.toBe(first);
  });

  test('the API and /metrics report the same pipeline', async ({ request }) => {
    expect(await (await request.get('/api/healthz')).json()).toMatchObject({ status: 'ok' });
    const tables = (await (await request.get('/api/tables')).json()) as {
      tableKey: string;
      totals: Record<string, number>;
    }[];
    expect(tables.map((t) => t.tableKey)).toEqual(
      expect.arrayContaining(['demo_a.inventory.customers', 'demo_b.inventory.customers', 'demo_pg.billing.accounts']),
    );
    const detail = await request.get(`/api/tables/${encodeURIComponent('demo_a.inventory.customers')}`);
    expect(detail.status()).toBe(200);
    const body = tableDetailSchema.parse(await detail.json());
    expect(body.throughput.length).toBeGreaterThan(0);
    expect((await request.get('/api/tables/nope.nope')).status()).toBe(404);
    const sources = z.array(sourceSummarySchema).parse(await (await request.get('/api/sources')).json());
    expect(sources[0]).toMatchObject({ id: 'demo', kind: 'demo', status: { type: 'live' } });
    expect(sources[0]!.undecodable).toBeGreaterThanOrEqual(0);
    const metrics = await (await request.get('/metrics')).text();
    expect(metrics).toMatch(
      /cdcscope_events_total\{source="demo",table="demo_a\.inventory\.customers",op="[cur]"\} \d+/,
    );
    expect(metrics).toContain('cdcscope_end_to_end_lag_seconds_bucket');
  });
});
