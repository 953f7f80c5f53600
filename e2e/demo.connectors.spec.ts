import { expect, test } from '@playwright/test';

/**
 * Issue #13 §4 on the demo pipeline: the Connectors page lists the demo's
 * Kafka Connect cluster linked to the tables it writes, with its snapshot
 * completed; a connector paused from the UI shows PAUSED, resumes to
 * RUNNING, and both actions are in the audit log (auth off: the demo's own
 * cluster may be operated, as its own sink may be replayed to).
 */
test('pause and resume a demo connector from the Connectors page, both audited', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Connectors', exact: true }).click();
  await expect(page).toHaveURL(/\/connectors$/);
  await expect(page.getByTestId('connect-status')).toHaveAttribute('data-state', 'up');
  const row = page.locator('[data-testid="connector-row"][data-connector="demo_a"]');
  await expect(row).toHaveAttribute('data-state', 'RUNNING');
  await expect(row.getByTestId('server-view')).toContainText('inventory.customers');
  await expect(row.getByTestId('connector-snapshot')).toHaveAttribute('data-state', 'completed');

  await row.getByTestId('connector-pause').click();
  await expect(row).toHaveAttribute('data-state', 'PAUSED');
  await expect(row.getByTestId('task-state')).toHaveText('PAUSED');
  await expect(page.getByTestId('connector-action-result')).toContainText('pause demo_a: Kafka Connect: HTTP 202');

  await row.getByTestId('connector-resume').click();
  await expect(row).toHaveAttribute('data-state', 'RUNNING');
  await expect(row.getByTestId('task-state')).toHaveText('RUNNING');

  await page.getByRole('link', { name: 'Audit', exact: true }).click();
  const actions = page.getByTestId('audit-action');
  await expect(actions.filter({ hasText: 'resume demo_a' }).first()).toBeVisible();
  await expect(actions.filter({ hasText: 'pause demo_a' }).first()).toBeVisible();
});
