import { expect, test } from '@playwright/test';

/**
 * With auth off (the demo) replay is open, but only to the demo's own sink,
 * whose messages come back into the pipeline as events of `demo.replay`.
 */
test('the demo replays an event to its own sink only, and the replay shows up in the inspector and the audit log', async ({
  page,
  request,
}) => {
  const sinks = (await (await request.get('/api/sinks')).json()) as {
    sinks: { id: string; kind: string }[];
    canReplay: boolean;
  };
  expect(sinks.canReplay).toBe(true);
  expect(sinks.sinks.map((s) => s.kind)).toEqual(['demo']);

  await page.goto(`/inspector?table=${encodeURIComponent('demo_a.inventory.orders')}&op=u`);
  const row = page.locator('[data-testid="inspector-row"][data-op="u"]').first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('inspector-pause').click();
  await row.click();
  const detail = page.getByTestId('inspector-detail');
  const eventId = (await detail.getAttribute('data-id')) ?? '';
  await page.getByTestId('replay-open').click();
  await expect(page.getByTestId('replay-sink')).toHaveValue('demo-replay');
  await page.getByTestId('replay-edit').check();
  await page.getByTestId('replay-payload').fill('{"op":');
  await expect(page.getByTestId('replay-payload-error')).toBeVisible();
  await expect(page.getByTestId('replay-preview')).toBeDisabled();
  await page.getByTestId('replay-edit').uncheck();
  await page.getByTestId('replay-preview').click();
  await expect(page.getByTestId('replay-target')).toContainText('demo.replay');
  await page.getByTestId('replay-send').click();
  await expect(page.getByTestId('replay-result')).toHaveAttribute('data-status', 'sent');

  await expect
    .poll(async () => (await (await request.get('/api/events?limit=500')).text()).includes(':demo.replay:'))
    .toBe(true);
  const audit = (await (await request.get('/api/audit')).json()) as {
    entries: { event: { id: string }; sink: { id: string }; status: string }[];
  };
  expect(audit.entries.find((e) => e.event.id === eventId)).toMatchObject({
    sink: { id: 'demo-replay' },
    status: 'sent',
  });

  // Anonymous (auth off) may not reach a non-demo sink even by naming one.
  const refused = await request.post('/api/replay', {
    data: { replayId: crypto.randomUUID(), eventId, sinkId: 'anything-else' },
  });
  expect(refused.status()).toBe(404);
});
