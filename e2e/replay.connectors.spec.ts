import { expect, test } from '@playwright/test';
import { stackEnv } from '../test/support/stack-env';
import { ServerProcess } from './server-process';

/**
 * Issue #13 §4's acceptance on the real stack: an operator pauses a Kafka
 * Connect connector from the Connectors page, Connect's own REST API says
 * PAUSED and the audit log has the action; resumed from the page, Connect
 * says RUNNING again. The connector is resumed in `finally` through
 * Connect's API whatever happened (the stack is shared). Runs in the replay
 * project: its configuration (e2e/replay.config.yaml) has the users and `connect:`.
 */
test.describe.configure({ mode: 'serial' });

const env = stackEnv();
const CONNECT = env.CONNECT_URL ?? 'http://127.0.0.1:38083';
const CONNECTOR = 'flat_a';
const server = new ServerProcess('e2e-connectors-server', 3105, { CDCSCOPE_CONFIG: 'e2e/replay.config.yaml' });

const connectState = async () => {
  const r = await fetch(`${CONNECT}/connectors/${CONNECTOR}/status`);
  return ((await r.json()) as { connector: { state: string } }).connector.state;
};

test.beforeAll(async () => {
  await server.start();
});
test.afterAll(async () => {
  await fetch(`${CONNECT}/connectors/${CONNECTOR}/resume`, { method: 'PUT' }).catch(() => undefined);
  await server.stop();
});

test('an operator pauses a connector from the UI: PAUSED in Kafka Connect and audited; then resumes', async ({
  page,
}) => {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Username').fill('operator');
  await page.getByLabel('Password').fill('operator-pass');
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);

  await page.goto(`${server.url}/connectors`);
  await expect(page.getByTestId('connect-status')).toHaveAttribute('data-state', 'up');
  await expect(page.getByTestId('debezium-server-health')).toHaveText('UP');
  const row = page.locator(`[data-testid="connector-row"][data-connector="${CONNECTOR}"]`);
  await expect(row).toHaveAttribute('data-state', 'RUNNING');
  try {
    await row.getByTestId('connector-pause').click();
    await expect(page.getByTestId('connector-action-result')).toContainText(`pause ${CONNECTOR}`);
    await expect.poll(connectState, { timeout: 20_000 }).toBe('PAUSED');
    await expect(row).toHaveAttribute('data-state', 'PAUSED');
    await row.getByTestId('connector-resume').click();
    await expect.poll(connectState, { timeout: 20_000 }).toBe('RUNNING');
    await expect(row).toHaveAttribute('data-state', 'RUNNING');
  } finally {
    await fetch(`${CONNECT}/connectors/${CONNECTOR}/resume`, { method: 'PUT' });
  }
  await page.goto(`${server.url}/audit`);
  const actions = page.getByTestId('audit-row').filter({ has: page.getByTestId('audit-action') });
  await expect(actions.first()).toContainText(`resume ${CONNECTOR}`);
  await expect(actions.nth(1)).toContainText(`pause ${CONNECTOR}`);
  await expect(actions.nth(1)).toContainText('operator');
});
