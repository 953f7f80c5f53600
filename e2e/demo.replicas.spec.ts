import { expect, test } from '@playwright/test';
import { consumerLagSnapshotSchema } from '../lib/contracts/lag-api';
import { saveScreenshot } from './helpers';

test.describe('demo pipeline: replicas and lag', () => {
  test('the Replicas page compares the demo pair live', async ({ page }) => {
    await page.goto('/replicas');
    const card = page.locator('[data-testid="replica-pair-card"][data-pair="demo"]');
    await expect(card).toBeVisible();
    const matched = card.getByTestId('replica-total-matched');
    await expect
      .poll(async () => Number(await matched.getAttribute('data-value')), { timeout: 20_000 })
      .toBeGreaterThan(50);
    const first = Number(await matched.getAttribute('data-value'));
    await expect
      .poll(async () => Number(await matched.getAttribute('data-value')), { timeout: 20_000 })
      .toBeGreaterThan(first);
    await expect(card.locator('[data-testid="replica-table-row"][data-table="inventory.orders"]')).toBeVisible();
    await saveScreenshot(page, 'demo-replicas');

    await page.goto('/replicas/demo');
    await expect(page.getByTestId('replica-pair-title')).toContainText('demo');
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    // Every chart draws and follows the live series (three redraw a moment after the first: pair-charts.tsx).
    const charts = page.getByTestId('replica-charts').locator('figure');
    await expect(charts).toHaveCount(4);
    for (const chart of await charts.all()) {
      const line = chart.locator('.recharts-line-curve').first();
      await expect(line).toHaveAttribute('d', /\d/);
      const drawn = await line.getAttribute('d');
      await expect.poll(() => line.getAttribute('d'), { timeout: 10_000 }).not.toBe(drawn);
    }
    await saveScreenshot(page, 'demo-replica-pair');
  });

  test('the Lag page shows every demo connector streaming', async ({ page }) => {
    await page.goto('/lag');
    for (const server of ['demo_a', 'demo_b', 'demo_pg']) {
      await expect(page.locator(`[data-testid="connector-row"][data-server="${server}"]`)).toHaveAttribute(
        'data-status',
        'streaming',
        { timeout: 20_000 },
      );
    }
    // The demo's simulated consumer groups (lib/demo/consumers.ts) fill the Kafka panel.
    await expect(page.getByTestId('lag-group-row').first()).toBeVisible();
    await saveScreenshot(page, 'demo-lag');
  });

  test('the replica and lag APIs answer', async ({ request }) => {
    const body = (await (await request.get('/api/replicas')).json()) as {
      pairs: { pairId: string; totals: { matched: number } }[];
    };
    expect(body.pairs[0]?.pairId).toBe('demo');
    expect(body.pairs[0]?.totals.matched).toBeGreaterThan(0);
    const detail = await request.get('/api/replicas/demo/inventory.customers');
    expect(detail.status()).toBe(200);
    expect(await detail.json()).toMatchObject({ table: { table: 'inventory.customers' } });
    expect((await request.get('/api/replicas/nope')).status()).toBe(404);
    const lag = consumerLagSnapshotSchema.parse(await (await request.get('/api/lag/consumers')).json());
    expect(lag.connectors.map((c) => c.serverName)).toEqual(expect.arrayContaining(['demo_a', 'demo_b', 'demo_pg']));
    const metrics = await (await request.get('/metrics')).text();
    expect(metrics).toMatch(/cdcscope_records_total\{source="demo",kind="heartbeat"\} \d+/);
    expect(metrics).toMatch(/cdcscope_replica_events\{pair="demo",table="inventory\.orders",measure="matched"\} [1-9]/);
    expect(metrics).toContain('cdcscope_connector_silent_seconds{server="demo_a"');
  });
});
