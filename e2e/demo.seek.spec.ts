import { expect, test } from '@playwright/test';
import { parseSeekLine, type SeekLine } from '../lib/contracts/seek';
import { numberIn } from './helpers';

/** Seek and durable links in the demo: its retained log read back as a broker's (issue #18). */
test.describe('seek on the demo pipeline', () => {
  test('seeks a topic by time from the page and opens a result read back from the log', async ({ page }) => {
    await page.goto('/inspector/seek');
    await expect(page.getByTestId('seek-unavailable')).toHaveCount(0);
    await expect(page.getByTestId('seek-source')).toHaveValue('demo');
    await expect(page.getByTestId('seek-help')).toContainText('retained log');
    await page.getByTestId('seek-channel').fill('demo_a.inventory.orders');
    // The form starts an hour back: before the demo started, so the seek begins at the oldest message kept.
    await expect(page.getByTestId('seek-start-kind')).toHaveValue('time');
    await page.getByTestId('seek-limit').fill('20');
    await page.getByTestId('seek-run').click();
    await expect(page.getByTestId('seek-done')).toHaveAttribute('data-reason', /limit|end/);
    await expect(page.getByTestId('seek-row').first()).toBeVisible();
    expect(numberIn(await page.getByTestId('seek-scanned').textContent())).toBeGreaterThanOrEqual(
      await page.getByTestId('seek-row').count(),
    );
    await page.getByTestId('seek-row').first().getByRole('button').click();
    const detail = page.getByTestId('seek-detail').getByTestId('inspector-detail');
    await expect(detail).toBeVisible();
    await expect(detail).toContainText('demo_a.inventory.orders');
  });

  test('a seek by time starts at that time; an old event link resolves from the log after leaving the buffer', async ({
    page,
    request,
  }) => {
    // The busiest demo tables pass their 500 buffered events in about a minute: wait for the oldest to leave.
    test.setTimeout(150_000);
    const seek = async (q: string): Promise<SeekLine[]> => {
      const r = await request.get(`/api/seek?${q}`);
      expect(r.status()).toBe(200);
      return (await r.text())
        .split('\n')
        .filter(Boolean)
        .map((l) => parseSeekLine(l) as SeekLine);
    };
    const events = (lines: SeekLine[]) => lines.flatMap((l) => (l.type === 'event' ? [l] : []));

    const all = events(await seek('sourceId=demo&channel=demo_a.inventory.orders&start=beginning&limit=1'));
    const oldest = all[0];
    expect(oldest?.ref).toMatchObject({ kind: 'demo', topic: 'demo_a.inventory.orders' });

    const from = Date.now() - 3_000;
    const lines = await seek(`sourceId=demo&channel=demo_a.>&start=time:${from}&limit=50`);
    expect(lines.at(-1)).toMatchObject({ type: 'done' });
    const found = events(lines);
    expect(found.length).toBeGreaterThan(0);
    for (const e of found) expect(e.item.receivedAt).toBeGreaterThanOrEqual(from);
    expect(lines.some((l) => l.type === 'progress')).toBe(true);

    const id = oldest?.item.id as string;
    await expect
      .poll(
        async () =>
          ((await (await request.get(`/api/events/${encodeURIComponent(id)}`)).json()) as { readFrom?: string })
            .readFrom,
        {
          timeout: 120_000,
          intervals: [2_000],
        },
      )
      .toBe('broker');
    await page.goto(`/inspector/${encodeURIComponent(id)}`);
    await expect(page.getByTestId('detail-read-from-broker')).toBeVisible();
    await expect(page.getByTestId('inspector-detail')).toContainText('demo_a.inventory.orders');
  });
});
