import { expect, test } from '@playwright/test';

test.describe('keyboard (demo)', () => {
  test('a skip link is the first stop and lands on the content', async ({ page }) => {
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
  });

  test('inspector rows: Enter selects and keeps focus, arrows move, Esc closes the panel', async ({ page }) => {
    await page.goto('/inspector');
    await page.getByTestId('inspector-pause').click();
    const first = page.getByTestId('inspector-row').first();
    await expect(first).toBeVisible();
    const id = (await first.getAttribute('data-id')) ?? '';
    await first.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('inspector-detail')).toBeVisible();
    await expect(page.locator(`[data-testid="inspector-row"][data-id="${id}"]`)).toBeFocused();

    await page.keyboard.press('ArrowDown');
    const second = page.getByTestId('inspector-row').nth(1);
    await expect(second).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(page.locator(`[data-testid="inspector-row"][data-id="${id}"]`)).toBeFocused();

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('inspector-detail')).toHaveCount(0);
    await expect(page.locator(`[data-testid="inspector-row"][data-id="${id}"]`)).toBeFocused();
  });

  test('op checkboxes are named by the op, not its letter', async ({ page }) => {
    await page.goto('/inspector');
    for (const name of ['create', 'update', 'delete', 'snapshot read'])
      await expect(page.getByRole('checkbox', { name, exact: true })).toBeVisible();
  });

  test('the theme follows the system, and a chosen one sticks across loads', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.reload();
    // Set before the first paint by the inline script, from the stored choice.
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('theme-toggle')).toHaveAttribute('aria-pressed', 'false');
  });
});
