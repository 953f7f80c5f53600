import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/** Every page of the demo, with what shows once it has data. */
const PAGES: { path: string; ready: (page: Page) => Promise<void> }[] = [
  { path: '/', ready: (p) => expect(p.getByTestId('table-row').first()).toBeVisible() },
  {
    path: `/tables/${encodeURIComponent('demo_a.inventory.orders')}`,
    ready: (p) => expect(p.getByTestId('event-row').first()).toBeVisible(),
  },
  { path: '/replicas', ready: (p) => expect(p.locator('main h1')).toBeVisible() },
  { path: '/replicas/demo', ready: (p) => expect(p.locator('.recharts-surface').first()).toBeVisible() },
  { path: '/transactions', ready: (p) => expect(p.getByTestId('transaction-row').first()).toBeVisible() },
  { path: '/lag', ready: (p) => expect(p.locator('main h1')).toBeVisible() },
  { path: '/inspector', ready: (p) => expect(p.getByTestId('inspector-row').first()).toBeVisible() },
  { path: '/inspector/seek', ready: (p) => expect(p.locator('main h1')).toBeVisible() },
  { path: '/audit', ready: (p) => expect(p.locator('main h1')).toBeVisible() },
];

/** Serious and critical WCAG 2 A/AA violations, one line each, so a failure names what and where. */
async function violations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.nodes
          .map((n) => n.target.join(' '))
          .slice(0, 4)
          .join(' | ')}`,
    );
}

// Both themes on one load of each page: the page follows the system setting live while no choice is stored,
// so switching the emulated scheme re-themes it without a second navigation and wait for data.
for (const { path, ready } of PAGES) {
  test(`${path} has no serious or critical violation, light and dark`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(path);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await ready(page);
    expect(await violations(page), 'light theme').toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await ready(page);
    expect(await violations(page), 'dark theme').toEqual([]);
  });
}
