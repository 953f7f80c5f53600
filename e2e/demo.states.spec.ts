import { expect, test, type Page } from '@playwright/test';

/** Makes the socket unreachable: Socket.IO's handshake is an HTTP poll, so failing it keeps the socket down. */
async function blockSocket(page: Page) {
  await page.route('**/socket.io/**', (route) => route.abort('connectionrefused'));
}

test.describe('honest states (demo)', () => {
  test('the overview chart starts from the server history, not empty', async ({ page, request }) => {
    // The demo server has run for a while by now: its history holds several seconds.
    await expect
      .poll(async () => ((await (await request.get('/api/throughput')).json()) as { points: unknown[] }).points.length)
      .toBeGreaterThan(5);
    await page.goto('/');
    const chart = page.getByTestId('overview-chart');
    // Seeded from /api/throughput on load: many known seconds at once, not one per second from now on.
    await expect
      .poll(async () => Number(await chart.getAttribute('data-known')), { timeout: 5_000 })
      .toBeGreaterThan(5);
  });

  test('with the API failing and the socket down, the overview shows an error, not "Loading" forever', async ({
    page,
  }) => {
    await blockSocket(page);
    await page.route(/\/api\/(tables|sources|throughput)$/, (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"boom"}' }),
    );
    await page.goto('/');
    await expect(page.getByTestId('query-error')).toContainText(/Could not load sources and tables: HTTP 500/);
    await expect(page.getByTestId('query-error')).toContainText('Retrying');
    await expect(page.getByTestId('query-loading')).toHaveCount(0);
    await expect(page.getByTestId('stale-notice')).toBeVisible();
  });

  test('while the socket is down the page says it is stale; back live, the notice goes', async ({ page }) => {
    await blockSocket(page);
    await page.goto('/');
    // HTTP still answers: the figures are there, greyed, with their age.
    await expect(page.locator('[data-testid="table-row"]').first()).toBeVisible();
    await expect(page.getByTestId('stale-notice')).toContainText('Live updates interrupted');
    await expect(page.locator('main')).toHaveAttribute('data-stale', 'true');
    await page.unroute('**/socket.io/**');
    await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'connected', { timeout: 20_000 });
    await expect(page.getByTestId('stale-notice')).toHaveCount(0);
    await expect(page.locator('main')).not.toHaveAttribute('data-stale', 'true');
  });

  test('/login with sign-in off goes to the overview, which says why', async ({ page }) => {
    await page.goto('/login?next=/lag');
    await expect(page).toHaveURL(/\/\?note=auth-off$/);
    await expect(page.getByTestId('auth-off-note')).toContainText('Sign-in is off');
  });

  test('seek is on in the demo, and says what to do before the first seek instead of "no matching events"', async ({
    page,
  }) => {
    await page.goto('/inspector/seek');
    await expect(page.getByTestId('seek-idle')).toContainText('Nothing read yet');
    await expect(page.getByTestId('seek-unavailable')).toHaveCount(0);
    await expect(page.getByTestId('seek-empty')).toHaveCount(0);
    await expect(page.getByTestId('seek-run')).toBeEnabled();
  });

  test('the overview filter and sort live in the URL', async ({ page }) => {
    await page.goto('/?q=orders&sort=rate&dir=desc');
    await expect(page.getByTestId('table-filter')).toHaveValue('orders');
    await expect(page.getByTestId('table-count')).toContainText(' of ');
    await expect(page.locator('th[aria-sort="descending"]')).toContainText('Rate');
    await page.getByTestId('table-filter').fill('customers');
    await expect(page).toHaveURL(/q=customers/);
    await page.getByTestId('sort-capture').click();
    await expect(page).toHaveURL(/sort=capture&dir=desc/);
  });
});
