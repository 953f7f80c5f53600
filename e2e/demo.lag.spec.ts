import { expect, test } from '@playwright/test';

test.describe('lag page (demo)', () => {
  test('shows the simulated consumers in every state, with time lags, and the JetStream durable', async ({ page }) => {
    // The search indexer falls behind for part of each 50 s cycle: WARN may take up to a cycle to appear.
    test.setTimeout(90_000);
    await page.goto('/lag');
    const row = (group: string) => page.locator(`[data-testid="lag-group-row"][data-group="${group}"]`);
    await expect(row('orders-projector')).toContainText('OK');
    await expect(row('audit-archiver')).toContainText('STALL');
    await expect(row('billing-export')).toContainText('STOP');
    await expect(row('search-indexer')).toContainText('WARN', { timeout: 60_000 });
    const js = page.getByTestId('lag-jetstream-row').first();
    await expect(js).toContainText('notifier');
    await expect(page.getByTestId('lag-jetstream-empty')).toHaveCount(0);
  });
});
