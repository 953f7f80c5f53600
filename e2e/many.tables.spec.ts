import { expect, test } from '@playwright/test';
import { saveScreenshot } from './helpers';

test('the overview stays virtualized and responsive with 500+ tables', async ({ page }, info) => {
  await expect
    .poll(async () => ((await (await page.request.get('/api/tables')).json()) as unknown[]).length, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(509);
  await page.goto('/');
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => list.getEntries().forEach((e) => w.__longTasks.push(e.duration))).observe({
      type: 'longtask',
      buffered: false,
    });
  });
  const rows = page.getByTestId('table-row');
  await expect(rows.first()).toBeVisible();
  // Only a window of rows is in the DOM, however many tables there are.
  expect(await rows.count()).toBeLessThan(120);

  await page.getByPlaceholder(/filter/i).fill('t0499');
  await expect(page.locator('[data-testid="table-row"][data-table="demo_load.load.t0499"]')).toBeVisible();
  expect(await rows.count()).toBe(1);
  await page.getByPlaceholder(/filter/i).fill('');
  await expect.poll(() => rows.count()).toBeGreaterThan(5);

  // Live updates keep flowing for a while; record how long the main thread was blocked.
  await page.waitForTimeout(5_000);
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  info.annotations.push({
    type: 'long tasks over 5 s',
    description: `${longTasks.length} (max ${Math.round(Math.max(0, ...longTasks))} ms)`,
  });
  console.log(`500 tables: ${longTasks.length} long tasks in 5 s, max ${Math.round(Math.max(0, ...longTasks))} ms`);
  await saveScreenshot(page, 'many-tables-overview');
});
