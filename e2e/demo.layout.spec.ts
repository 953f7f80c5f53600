import { expect, test } from '@playwright/test';

const PAGES = ['/', `/tables/${encodeURIComponent('demo_a.inventory.orders')}`, '/replicas', '/replicas/demo', '/lag'];
const MORE = ['/inspector', '/inspector/seek', '/audit'];

test.describe('layout (demo)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('on a 390 px phone no page is wider than the screen and the whole nav is on it', async ({ page }) => {
    for (const path of [...PAGES, ...MORE]) {
      await page.goto(path);
      await expect(page.locator('main h1, main h2').first()).toBeAttached();
      await page.waitForTimeout(500);
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} is ${width} px wide`).toBeLessThanOrEqual(390);
      for (const link of await page.locator('nav[aria-label="Main"] a').all()) {
        const box = await link.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= 390, `${path}: ${await link.textContent()} off-screen`).toBe(
          true,
        );
      }
      const badge = await page.getByTestId('connection-state').boundingBox();
      expect(badge && badge.x + badge.width <= 390).toBe(true);
    }
  });
});

test('the audit table fits a 1,440 px window', async ({ page, request }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  const events = (await (await request.get('/api/events?limit=1')).json()) as { items: { id: string }[] };
  const eventId = events.items[0]?.id ?? '';
  const sent = await request.post('/api/replay', {
    data: { replayId: crypto.randomUUID(), eventId, sinkId: 'demo-replay' },
  });
  expect(sent.status()).toBe(200);
  await page.goto('/audit');
  const table = page.getByTestId('audit-table');
  await expect(table.getByTestId('audit-row').first()).toBeVisible();
  const { tableWidth, boxWidth } = await table.evaluate((t) => ({
    tableWidth: t.scrollWidth,
    boxWidth: (t.parentElement as HTMLElement).clientWidth,
  }));
  expect(tableWidth).toBeLessThanOrEqual(boxWidth);
});
