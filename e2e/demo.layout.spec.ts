import { expect, test, type Page } from '@playwright/test';

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

/** Whether the page is wider than a 390 px phone, naming the widest elements that stick out. */
async function overflow(page: Page): Promise<string> {
  return page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= 390) return '';
    // The outermost elements that stick out: the ones whose box is wider than the screen themselves.
    const sticks = (e: Element | null) => e !== null && e.getBoundingClientRect().right > 391;
    const clipped = (e: Element) => {
      for (let a = e.parentElement; a; a = a.parentElement)
        if (getComputedStyle(a).overflowX !== 'visible' && !sticks(a)) return true;
      return false;
    };
    const out = [...document.querySelectorAll('main *')]
      .filter((e) => sticks(e) && !sticks(e.parentElement) && !clipped(e))
      .slice(0, 4)
      .map((e) => {
        const named = e.closest('[data-testid]')?.getAttribute('data-testid') ?? '';
        return `${e.tagName.toLowerCase()}.${e.className} in ${named} (${Math.round(e.getBoundingClientRect().right)} px)`;
      });
    return `${width} px wide: ${out.join(', ')}`;
  });
}

const TABLE = 'demo_a.inventory.orders';

test.describe('layout of the other pages (demo)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('on a 390 px phone no detail page, and no overview panel that data brings, is wider than the screen', async ({
    page,
    request,
  }) => {
    // A replayed copy back on the demo's topic: the overview then lists it in the outbox panel's replays table.
    const events = (await (await request.get(`/api/events?table=${encodeURIComponent(TABLE)}&limit=1`)).json()) as {
      items: { id: string }[];
    };
    const eventId = events.items[0]?.id ?? '';
    const sent = await request.post('/api/replay', {
      data: { replayId: crypto.randomUUID(), eventId, sinkId: 'demo-replay' },
    });
    expect(sent.status()).toBe(200);
    const visits: { path: string; ready: (p: Page) => Promise<void>; widen?: string }[] = [
      { path: '/', ready: (p) => expect(p.getByTestId('replays-row').first()).toBeVisible(), widen: 'replays-table' },
      { path: '/', ready: (p) => expect(p.getByTestId('outbox-row').first()).toBeVisible(), widen: 'outbox-table' },
      {
        path: `/tables/${encodeURIComponent(TABLE)}`,
        ready: (p) => expect(p.getByTestId('event-row').first()).toBeVisible(),
      },
      { path: '/replicas/demo', ready: (p) => expect(p.locator('.recharts-surface').first()).toBeVisible() },
      { path: '/transactions', ready: (p) => expect(p.getByTestId('transaction-row').first()).toBeVisible() },
      { path: '/lag', ready: (p) => expect(p.locator('main table').first()).toBeVisible() },
      { path: '/connectors', ready: (p) => expect(p.locator('main h1')).toBeVisible() },
      { path: '/audit', ready: (p) => expect(p.getByTestId('audit-row').first()).toBeVisible() },
      {
        path: `/inspector/${encodeURIComponent(eventId)}`,
        ready: (p) => expect(p.getByTestId('inspector-detail')).toBeVisible(),
      },
      {
        path: `/tables/${encodeURIComponent(TABLE)}/schema`,
        ready: (p) => expect(p.getByTestId('schema-columns')).toBeVisible(),
        widen: 'schema-columns',
      },
      {
        path: `/tables/${encodeURIComponent(TABLE)}/rows/${encodeURIComponent('{"id":1}')}?pair=demo`,
        ready: (p) => expect(p.locator('main h1')).toBeVisible(),
      },
    ];
    const wide: string[] = [];
    for (const { path, ready, widen } of visits) {
      await page.goto(path);
      await ready(page);
      await page.waitForTimeout(500);
      const o = await overflow(page);
      if (o) wide.push(`${path}: ${o}`);
      if (widen) {
        // Names from production are longer than the demo's: a table whose width follows its data must scroll
        // on its own, not widen the page.
        await page.getByTestId(widen).evaluate((t) => {
          for (const td of t.querySelectorAll('td')) if (td.textContent) td.append('_of_a_long_production_name');
        });
        const o2 = await overflow(page);
        if (o2) wide.push(`${path} with long names in ${widen}: ${o2}`);
      }
    }
    // A transaction's own page, reached from the list.
    await page.goto('/transactions');
    await page.getByTestId('transaction-row').first().getByRole('link').click();
    await expect(page).toHaveURL(/\/transactions\/.+/);
    await expect(page.locator('main h1')).toBeVisible();
    await page.waitForTimeout(500);
    const o = await overflow(page);
    if (o) wide.push(`${page.url()}: ${o}`);
    expect(wide).toEqual([]);
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
