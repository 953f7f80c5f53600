import { expect, test } from '@playwright/test';
import { eventPageSchema } from '../lib/contracts/inspector';
import { DRIFT_EVERY_MS } from '../lib/demo/demo-drift';

/**
 * The demo adds a column to one of its tables 45 s after it starts (lib/demo/demo-drift.ts): the changes of
 * that table still in the buffer from before are "off shape". The inspector's list flags them, and so does
 * one such event's own page, linking to the table's schema timeline.
 */
test('an event written before its table changed shape says so on its own page', async ({ page, request }) => {
  test.setTimeout(DRIFT_EVERY_MS + 90_000);
  let id: string | undefined;
  let table: string | undefined;
  await expect
    .poll(
      async () => {
        const drifted = ((await (await request.get('/api/schema-drift')).json()) as { tables: string[] }).tables;
        for (const t of drifted) {
          const events = eventPageSchema.parse(
            await (await request.get(`/api/events?table=${encodeURIComponent(t)}&limit=500`)).json(),
          );
          const old = events.items.find((e) => e.offShape === true);
          if (old) [id, table] = [old.id, t];
        }
        return id !== undefined;
      },
      // A drift comes 45 s after the demo started, then every 3 minutes; a table's events from before one stay in
      // its buffer only until 500 newer ones come (about a minute), so a test that starts just after that window
      // closed waits for the next drift: up to a whole period.
      { timeout: DRIFT_EVERY_MS + 30_000, intervals: [2_000] },
    )
    .toBe(true);
  await page.goto(`/inspector/${encodeURIComponent(id!)}`);
  const detail = page.getByTestId('inspector-detail');
  await expect(detail).toHaveAttribute('data-id', id!);
  const flag = detail.getByTestId('detail-off-shape');
  await expect(flag).toBeVisible();
  await flag.click();
  await expect(page).toHaveURL(/\/schema$/);
  await expect(page.getByTestId('schema-page-title')).toContainText(table!);
});
