import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { saveScreenshot } from './helpers';

/**
 * Issue #18's proof: a new user's first minutes on `npm start` with no
 * configuration. The tour visits every page of the app (the routes are read
 * from app/**\/page.tsx, so a page added later fails this test until the
 * tour visits it), getting from one to the next by the links a user would
 * click, and on each finds real demo content: no loading notice left, no
 * error, no empty state, no disabled control without a reason shown.
 */
const CUSTOMERS = 'demo_a.inventory.customers';
/** The demo's Avro table (lib/demo/demo-avro.ts). */
const REVIEWS = 'demo_shop.shop.reviews';

/** The README's screenshots (docs/*.png) are taken from these: the first screen, not the whole page. */
const VIEWPORT = { fullPage: false };

/** Route patterns of the app, e.g. `/tables/[table]/rows/[key]`. */
function appRoutes(): string[] {
  const routes: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(dir, e.name));
      else if (e.name === 'page.tsx') routes.push(`/${relative('app', dir).split(sep).join('/')}`.replace(/\/$/, ''));
    }
  };
  walk('app');
  return routes.map((r) => (r === '' ? '/' : r)).sort();
}

function routeMatches(route: string, path: string): boolean {
  const re = new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+')}$`);
  return re.test(path);
}

/** What every page must show once loaded: nothing pending, failed, empty or disabled without saying why. */
async function expectRealContent(page: Page, what: string) {
  const main = page.locator('main');
  await expect(main.getByTestId('query-loading'), `${what}: still loading`).toHaveCount(0, { timeout: 20_000 });
  await expect(main.locator('[role="alert"]:visible'), `${what}: an error is shown`).toHaveCount(0);
  const empty = main.locator(
    ':is([data-testid$="-empty"], [data-testid$="-unavailable"], [data-testid$="-not-found"]):visible',
  );
  await expect(empty, `${what}: an empty state is shown`).toHaveCount(0);
  expect((await main.innerText()).trim().length, `${what}: next to no text`).toBeGreaterThan(80);
  for (const control of await main
    .locator('button:disabled:visible, input:disabled:visible, select:disabled:visible')
    .all()) {
    const reason = (await control.getAttribute('title')) ?? (await control.getAttribute('aria-describedby'));
    expect(
      reason,
      `${what}: a disabled control without a reason: ${await control.evaluate((e) => e.outerHTML)}`,
    ).toBeTruthy();
  }
}

test('the demo tour: every page, reached by its links, shows real demo content', async ({ page }) => {
  test.setTimeout(240_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const visited = new Set<string>();
  const arrived = async (what: string, url: RegExp) => {
    await expect(page).toHaveURL(url);
    visited.add(new URL(page.url()).pathname);
    await expectRealContent(page, what);
  };
  const nav = (label: string) => page.getByRole('navigation').getByRole('link', { name: label, exact: true }).click();

  await test.step('overview', async () => {
    await page.goto('/');
    await expect(page.locator('[data-testid="source-card"][data-source-id="demo"]')).toHaveAttribute(
      'data-status',
      'live',
    );
    await expect(page.locator(`[data-testid="table-row"][data-table="${CUSTOMERS}"]`)).toBeVisible();
    // The demo's first large transaction comes 20 s after its snapshot.
    await expect(page.getByTestId('overview-transactions').getByRole('link').nth(1)).toBeVisible({ timeout: 45_000 });
    // The shop's outbox events (lib/demo/demo-shop.ts), counted by aggregate and event type.
    await expect(
      page.locator('[data-testid="outbox-row"][data-aggregate="order"][data-event-type="OrderPlaced"]'),
    ).toBeVisible();
    await arrived('overview', /\/$/);
    await saveScreenshot(page, 'demo-tour-overview', VIEWPORT);
  });

  await test.step('the Avro table → an event decoded from the wire format, and an outbox event', async () => {
    await page.locator(`[data-testid="table-row"][data-table="${REVIEWS}"]`).getByRole('link').first().click();
    await arrived('Avro table page', /\/tables\/demo_shop\.shop\.reviews$/);
    await page.getByTestId('event-row').first().getByTestId('event-link').click();
    await expect(page.getByTestId('detail-raw-decoded')).toHaveAttribute('data-format', 'avro');
    await expect(page.getByTestId('inspector-detail')).toContainText('schema id 102');
    await arrived('Avro event page', /\/inspector\/[^/]+$/);

    await page.goto('/');
    await page.locator('[data-testid="outbox-row"][data-aggregate="order"]').first().getByRole('link').first().click();
    await expect(page).toHaveURL(/\/inspector\?.*aggregateType=order/);
    await page.getByTestId('inspector-row').first().click();
    await expect(page.getByTestId('detail-outbox')).toContainText('order');
    await expectRealContent(page, 'outbox events in the inspector');
  });

  await test.step('table → schema → row history → event', async () => {
    await nav('Overview');
    await page.locator(`[data-testid="table-row"][data-table="${CUSTOMERS}"]`).getByRole('link').first().click();
    await arrived('table page', /\/tables\/demo_a\.inventory\.customers$/);
    await expect(page.getByTestId('event-row').first()).toBeVisible();
    await expect(page.locator('.recharts-surface').first()).toBeVisible();

    await page.getByTestId('table-schema-link').click();
    await expect(page.getByTestId('schema-columns')).toBeVisible();
    await arrived('schema page', /\/tables\/demo_a\.inventory\.customers\/schema$/);
    await expect(page.getByTestId('schema-columns')).toContainText('email');
    await page.goBack();

    await page.getByTestId('row-history-link').first().click();
    await expect(page.getByTestId('history-a').getByTestId('history-entry').first()).toBeVisible();
    await arrived('row history', /\/tables\/demo_a\.inventory\.customers\/rows\/[^/]+$/);

    await page.getByTestId('history-a').getByTestId('history-entry').first().getByRole('link').first().click();
    await expect(page.getByTestId('inspector-detail')).toBeVisible();
    await arrived('event page', /\/inspector\/[^/]+$/);
    await expect(page.getByTestId('inspector-detail')).toContainText('inventory.customers');
  });

  await test.step('transactions → the newest complete transaction', async () => {
    await nav('Transactions');
    await expect(page.getByTestId('transactions-largest').getByTestId('transaction-row').first()).toBeVisible();
    await arrived('transactions', /\/transactions$/);
    // The newest, not the largest: the largest of the last 15 minutes may be the one of the
    // demo's first minute, whose events have left the inspector's buffer (500 per table).
    // A complete one (BEGIN and END seen): the demo's multi-table MariaDB transactions.
    await page
      .getByTestId('transactions-recent')
      .locator('[data-testid="transaction-row"][data-state="complete"]')
      .first()
      .getByRole('link')
      .first()
      .click();
    await expect(page.getByTestId('transaction-summary')).toBeVisible();
    await expect(page.getByTestId('transaction-events').locator('tbody tr').first()).toBeVisible();
    await arrived('transaction page', /\/transactions\/[^/]+$/);
    await saveScreenshot(page, 'demo-tour-transaction', VIEWPORT);
  });

  await test.step('inspector → replay → seek', async () => {
    await nav('Inspector');
    const row = page.locator('[data-testid="inspector-row"][data-op="u"]').first();
    await expect(row).toBeVisible({ timeout: 30_000 });
    await arrived('inspector', /\/inspector$/);
    await page.getByTestId('inspector-pause').click();
    await row.click();
    await expect(page.getByTestId('inspector-detail')).toBeVisible();
    await saveScreenshot(page, 'demo-tour-inspector', VIEWPORT);
    await page.getByTestId('replay-open').click();
    await page.getByTestId('replay-preview').click();
    await expect(page.getByTestId('replay-target')).toContainText('demo.replay');
    await saveScreenshot(page, 'demo-tour-replay', VIEWPORT);
    await page.getByTestId('replay-send').click();
    await expect(page.getByTestId('replay-result')).toHaveAttribute('data-status', 'sent');
    await page.keyboard.press('Escape');

    await page.getByTestId('inspector-seek-link').click();
    await expect(page).toHaveURL(/\/inspector\/seek$/);
    await page.getByTestId('seek-channel').fill('demo_a.inventory.orders');
    await page.getByTestId('seek-limit').fill('20');
    await page.getByTestId('seek-run').click();
    await expect(page.getByTestId('seek-done')).toHaveAttribute('data-reason', /limit|end/);
    await expect(page.getByTestId('seek-row').first()).toBeVisible();
    await arrived('seek', /\/inspector\/seek$/);
  });

  await test.step('replicas → the demo pair', async () => {
    await nav('Replicas');
    const card = page.locator('[data-testid="replica-pair-card"][data-pair="demo"]');
    await expect(card.locator('[data-testid="replica-table-row"]').first()).toBeVisible();
    await arrived('replicas', /\/replicas$/);
    await saveScreenshot(page, 'demo-tour-replicas', VIEWPORT);
    await card.getByRole('link', { name: /Charts and events/ }).click();
    await expect(page.getByTestId('replica-pair-title')).toContainText('demo');
    await expect(page.locator('.recharts-surface').first()).toBeVisible();
    await arrived('replica pair', /\/replicas\/demo$/);
  });

  await test.step('lag and connectors', async () => {
    await nav('Lag');
    await expect(page.getByTestId('lag-group-row').first()).toBeVisible();
    await expect(page.getByTestId('lag-jetstream-row').first()).toContainText('notifier');
    await expect(page.locator('[data-testid="connector-row"][data-server="demo_a"]')).toBeVisible();
    await arrived('lag', /\/lag$/);

    await nav('Connectors');
    await expect(page.locator('[data-testid="connector-row"][data-connector="demo_a"]')).toBeVisible();
    await expect(page.getByTestId('connect-status')).toHaveAttribute('data-state', 'up');
    await arrived('connectors', /\/connectors$/);
  });

  await test.step('audit → the replayed event', async () => {
    await nav('Audit');
    await expect(page.getByTestId('audit-row').first()).toBeVisible();
    await arrived('audit', /\/audit$/);
    await saveScreenshot(page, 'demo-tour-audit', VIEWPORT);
    await page.getByTestId('audit-event-link').first().click();
    await expect(page.getByTestId('inspector-detail')).toBeVisible();
    await arrived('audited event', /\/inspector\/[^/]+$/);
  });

  await test.step('sign-in page (sign-in is off in the demo: the overview says so)', async () => {
    await page.goto('/login');
    await expect(page).toHaveURL(/\/\?note=auth-off$/);
    await expect(page.getByTestId('auth-off-note')).toBeVisible();
    visited.add('/login');
  });

  await test.step('the overview in the dark theme', async () => {
    await page.goto('/');
    await page.getByTestId('theme-toggle').click();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.locator(`[data-testid="table-row"][data-table="${REVIEWS}"]`)).toBeVisible();
    await saveScreenshot(page, 'demo-tour-overview-dark', VIEWPORT);
  });

  const missed = appRoutes().filter((route) => ![...visited].some((path) => routeMatches(route, path)));
  expect(missed, `pages the tour never reached (visited: ${[...visited].join(' ')})`).toEqual([]);
  expect(errors).toEqual([]);
});
