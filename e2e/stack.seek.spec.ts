import { expect, test } from '@playwright/test';
import { Kafka, logLevel } from 'kafkajs';
import { benchEvent } from '../bench/bench-events';
import { stackEnv } from '../test/support/stack-env';
import { numberIn, saveScreenshot } from './helpers';

const env = stackEnv();
/** Matches the stack config's `/^replica_[ab]\./`, so the `kafka` source may seek it; deleted afterwards. */
const BIG_TOPIC = `replica_a.seek_e2e_${Date.now()}`;
const BIG = 150_000;
const kafka = new Kafka({
  clientId: 'cdcscope-seek-e2e',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});

test.describe('stack: seek on the broker', () => {
  test.afterAll(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [BIG_TOPIC] }).catch(() => undefined);
    await admin.disconnect();
  });

  test('seeks a replica topic from the page, shows progress and results, opens one read from the broker, masked', async ({
    page,
  }) => {
    await page.goto('/inspector');
    await page.getByTestId('inspector-seek-link').click();
    await expect(page).toHaveURL(/\/inspector\/seek$/);
    await page.getByTestId('seek-source').selectOption('kafka');
    await page.getByTestId('seek-channel').fill('replica_a.inventory.customers');
    await page.getByTestId('seek-start-kind').selectOption('beginning');
    await page.getByTestId('seek-limit').fill('5');
    await page.getByTestId('seek-run').click();

    await expect(page.getByTestId('seek-done')).toHaveAttribute('data-reason', 'limit', { timeout: 60_000 });
    await expect(page.getByTestId('seek-row')).toHaveCount(5);
    expect(numberIn(await page.getByTestId('seek-scanned').textContent())).toBeGreaterThanOrEqual(5);
    await expect(page.getByTestId('seek-preview').first()).toContainText('password=••••••');
    await page.getByTestId('seek-row').first().getByRole('button').click();
    const detail = page.getByTestId('seek-detail').getByTestId('inspector-detail');
    await expect(detail).toBeVisible({ timeout: 30_000 });
    await expect(detail.locator('[data-testid="detail-field-row"][data-field="password"]')).toContainText('••••••');
    await saveScreenshot(page, 'stack-seek');
  });

  test('a long seek can be cancelled from the page', async ({ page }) => {
    test.setTimeout(180_000);
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: BIG_TOPIC, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
    // 1,000 per send (~0.5 MB per partition): a record batch must stay under the broker's message.max.bytes (1 MB by default).
    const producer = kafka.producer();
    await producer.connect();
    for (let i = 0; i < BIG; i += 1_000)
      await producer.send({ topic: BIG_TOPIC, messages: Array.from({ length: 1_000 }, (_, j) => benchEvent(i + j)) });
    await producer.disconnect();

    await page.goto('/inspector/seek');
    await page.getByTestId('seek-source').selectOption('kafka');
    await page.getByTestId('seek-channel').fill(BIG_TOPIC);
    await page.getByTestId('seek-start-kind').selectOption('beginning');
    await page.getByTestId('seek-field').fill('after.email=nobody@example.com');
    await page.getByTestId('seek-run').click();
    await expect(page.getByTestId('seek-progress')).toHaveAttribute('data-status', 'running');
    await expect
      .poll(async () => numberIn(await page.getByTestId('seek-scanned').textContent()), { timeout: 60_000 })
      .toBeGreaterThan(0);
    await page.getByTestId('seek-cancel').click();
    await expect(page.getByTestId('seek-done')).toHaveAttribute('data-reason', 'cancelled');
    const scanned = numberIn(await page.getByTestId('seek-scanned').textContent());
    expect(scanned).toBeLessThan(BIG);
    await expect(page.getByTestId('seek-empty')).toBeVisible();
    // The server deletes the seek's throwaway group once the consumer has left; wait for it, or stopping the server could cut it short.
    const check = kafka.admin();
    await check.connect();
    await expect
      .poll(
        async () => (await check.listGroups()).groups.filter((g) => g.groupId.startsWith('cdcscope-seek-')).length,
        { timeout: 30_000 },
      )
      .toBe(0);
    await check.disconnect();
  });
});
