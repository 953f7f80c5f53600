import { expect, test } from '@playwright/test';
import { saveScreenshot } from './helpers';

/** Row history (issue #13, 1) on the demo pipeline: reached from an event, an inspector row and by URL; the demo pair side by side. */
const TABLE = 'demo_a.inventory.customers';

test.describe('demo pipeline: row history', () => {
  test('from an event detail and from an inspector row to the row’s timeline', async ({ page }) => {
    await page.goto(`/inspector?table=${encodeURIComponent(TABLE)}&op=u`);
    const row = page.locator('[data-testid="inspector-row"][data-op="u"]').first();
    await expect(row).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('inspector-pause').click();
    await row.click();
    await page.getByTestId('detail-row-history').click();
    await expect(page).toHaveURL(/\/tables\/demo_a\.inventory\.customers\/rows\//);
    const timeline = page.getByTestId('history-a');
    await expect(timeline.getByTestId('history-entry').first()).toBeVisible();
    await expect(page.getByTestId('history-status-a-done')).toHaveAttribute('data-reason', /end|limit/);
    // Newest first, and the update we came from is in it.
    await expect(timeline.locator('[data-testid="history-entry"][data-op="u"]').first()).toBeVisible();

    await page.goto(`/inspector?table=${encodeURIComponent(TABLE)}&op=u`);
    const link = page.getByTestId('row-history-link').first();
    await expect(link).toBeVisible({ timeout: 30_000 });
    await link.click();
    await expect(page).toHaveURL(/\/tables\/demo_a\.inventory\.customers\/rows\//);
    await expect(page.getByTestId('history-a').getByTestId('history-entry').first()).toBeVisible();
  });

  test('the demo’s hot row by URL: a long history on both replicas, side by side', async ({ page }) => {
    await page.goto(`/tables/${TABLE}/rows/${encodeURIComponent('{"id":1}')}?pair=demo`);
    for (const side of ['a', 'b']) {
      const entries = page.getByTestId(`history-${side}`).getByTestId('history-entry');
      await expect.poll(() => entries.count(), { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
      // Every change follows the one before it (the diff chain holds), but for the oldest read.
      await expect(page.getByTestId(`history-${side}`).locator('[data-continuity="gap"]')).toHaveCount(0);
    }
    await expect(page.getByTestId('history-b')).toContainText('demo_b.inventory.customers');
    const summary = page.getByTestId('history-divergence-summary');
    await expect(summary).toBeVisible();
    // Both replicas agree. A change that reached A but not yet B (B lags by up to 400 ms) is within the
    // grace (at least 2 s, lib/row-history/history-grace.ts): waited for, never called a difference.
    await expect(summary).toHaveAttribute('data-diverged', /^(false|waiting)$/);
    // Masked like everything else: the demo's customers carry password hashes (masked by the default rules).
    await expect(page.locator('main')).not.toContainText('pbkdf2$');
    await saveScreenshot(page, 'demo-row-history-pair');
  });

  test('a bad key says why', async ({ page }) => {
    await page.goto(`/tables/${TABLE}/rows/${encodeURIComponent('{"id":')}`);
    await expect(page.getByTestId('history-status-a').getByRole('alert')).toContainText('key: not valid JSON');
  });
});
