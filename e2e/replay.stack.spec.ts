import { expect, test, type Page } from '@playwright/test';
import { rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { Kafka, logLevel } from 'kafkajs';
import mysql from 'mysql2/promise';
import { stackEnv } from '../test/support/stack-env';
import { ServerProcess } from './server-process';

/**
 * Issue #5's replay acceptance against the real stack: an operator replays a
 * MariaDB update (read from Kafka) to a Kafka topic, a JetStream subject and an
 * HTTP endpoint this spec runs; each sink is read back for the payload and
 * the provenance headers; a double click and a retried request send once; the
 * audit log survives a restart; a viewer, an anonymous caller and a cross-site
 * post are refused. Sinks are declared in e2e/replay.config.yaml.
 */
test.describe.configure({ mode: 'serial' });

const env = stackEnv();
const server = new ServerProcess('e2e-replay-server', 3105, { CDCSCOPE_CONFIG: 'e2e/replay.config.yaml' });
const TOPIC = 'cdcscope-e2e-replay';
const STREAM = 'CDCSCOPE_E2E_REPLAY';
const SUBJECT = 'cdcscope.e2e.replay';
const SINK_SECRET = 'sink-secret-e2e';
const PASSWORD = `pw-${Date.now()}`;
const TABLE = 'replica_a.inventory.customers';

const hooks: { headers: IncomingHttpHeaders; body: string }[] = [];
let hookServer: Server;
let nc: NatsConnection;
const kafka = new Kafka({
  clientId: 'cdcscope-e2e-reader',
  brokers: [env.KAFKA_BOOTSTRAP ?? '127.0.0.1:39092'],
  logLevel: logLevel.NOTHING,
});
let topicStart = 0;
const replayIds: string[] = [];
let eventId = '';
let customerId = 0;

test.beforeAll(async () => {
  rmSync('test-results/e2e-replay', { recursive: true, force: true });
  const admin = kafka.admin();
  await admin.connect();
  if (!(await admin.listTopics()).includes(TOPIC))
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 1 }], waitForLeaders: true });
  topicStart = Number((await admin.fetchTopicOffsets(TOPIC))[0]?.high ?? 0);
  await admin.disconnect();
  nc = await connect({ servers: env.NATS_URL });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.delete(STREAM).catch(() => false);
  await jsm.streams.add({ name: STREAM, subjects: [SUBJECT] });
  hookServer = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      hooks.push({ headers: req.headers, body });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((r) => hookServer.listen(3198, '127.0.0.1', r));
  await server.start();
});

test.afterAll(async () => {
  await server.stop();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  await new Promise((r) => hookServer?.close(r));
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  await nc?.close();
});

async function signIn(page: Page, user: string, password: string) {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Username').fill(user);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: /sign in/i }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

async function csrfOf(page: Page): Promise<string> {
  const me = (await (await page.request.get(`${server.url}/api/me`)).json()) as { csrfToken?: string };
  return me.csrfToken ?? '';
}

/** Inserts a customer on the MariaDB primary and updates it: an update of TABLE arrives through replica_a's connector. */
async function updateCustomer(): Promise<number> {
  const db = await mysql.createConnection({
    host: env.STACK_HOST,
    port: Number(env.MARIADB_PRIMARY_PORT),
    user: env.MARIADB_USER,
    password: env.MARIADB_PASSWORD,
    database: env.MARIADB_DATABASE,
  });
  try {
    const [res] = await db.query(
      'INSERT INTO customers (first_name, last_name, email, password, phone) VALUES (?, ?, ?, ?, NULL)',
      ['Rita', 'Replay', `replay-${Date.now()}@example.com`, PASSWORD],
    );
    const id = (res as { insertId: number }).insertId;
    await db.query('UPDATE customers SET phone = ? WHERE id = ?', ['+1-555-0199', id]);
    return id;
  } finally {
    await db.end();
  }
}

async function findUpdate(page: Page, id: number): Promise<string> {
  let found = '';
  await expect
    .poll(
      async () => {
        const r = await page.request.get(
          `${server.url}/api/events?table=${encodeURIComponent(TABLE)}&op=u&key=${encodeURIComponent(`id=${id}`)}`,
        );
        found = ((await r.json()) as { items?: { id: string }[] }).items?.[0]?.id ?? '';
        return found;
      },
      { timeout: 30_000 },
    )
    .not.toBe('');
  return found;
}

async function replayTo(page: Page, sinkId: string, first: boolean): Promise<string> {
  await page.getByTestId(first ? 'replay-open' : 'replay-again').click();
  await page.getByTestId('replay-sink').selectOption(sinkId);
  await page.getByTestId('replay-preview').click();
  const preview = page.getByTestId('replay-preview-view');
  await expect(preview).toBeVisible();
  const headers = page.getByTestId('replay-headers');
  const id =
    (
      await headers
        .locator('div', { has: page.locator('dt', { hasText: /^cdcscope-replay-id$/ }) })
        .locator('dd')
        .textContent()
    )?.trim() ?? '';
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  await expect(page.getByTestId('replay-value')).not.toContainText(PASSWORD);
  // Two clicks as fast as a person double-clicks: one send.
  await page.getByTestId('replay-send').dblclick();
  await expect(page.getByTestId('replay-result')).toHaveAttribute('data-status', 'sent');
  return id;
}

function expectProvenance(headers: Record<string, string | undefined>, replayId: string) {
  expect(headers['cdcscope-replay-id']).toBe(replayId);
  expect(headers['cdcscope-replayed-by']).toBe('operator');
  expect(headers['cdcscope-original-source']).toBe(`kafka/${TABLE}`);
  expect(headers['cdcscope-original-position']).toMatch(/^p\d+@\d+$/);
  expect(headers['cdcscope-original-event']).toBe(eventId);
  expect(Date.parse(headers['cdcscope-replayed-at'] ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
}

function checkPayload(value: string) {
  const v = JSON.parse(value) as {
    payload?: { op?: string; after?: { id?: number; phone?: string; password?: string } };
    op?: string;
    after?: { id?: number };
  };
  const body = v.payload ?? v;
  expect(body).toMatchObject({ op: 'u', after: { id: customerId, phone: '+1-555-0199' } });
  expect(value).not.toContain(PASSWORD);
}

test('an operator finds an update by its key, opens it by its URL, and replays it to Kafka, JetStream and HTTP once each, with provenance', async ({
  page,
  context,
}) => {
  await signIn(page, 'operator', 'operator-pass');
  customerId = await updateCustomer();
  eventId = await findUpdate(page, customerId);
  // Found the way a person would: the inspector filtered by table, op and key.
  await page.goto(
    `${server.url}/inspector?table=${encodeURIComponent(TABLE)}&op=u&key=${encodeURIComponent(`id=${customerId}`)}`,
  );
  const row = page.locator(`[data-testid="inspector-row"][data-id="${eventId}"]`);
  await expect(row).toBeVisible();
  await page.getByTestId('inspector-pause').click();
  await row.click();
  const inList = page.getByTestId('inspector-detail');
  await expect(inList).toHaveAttribute('data-id', eventId);
  await expect(
    inList.locator('[data-testid="detail-field-row"][data-field="phone"][data-changed="true"]'),
  ).toBeVisible();
  await expect(inList.locator('[data-testid="detail-field-row"][data-field="email"][data-changed="true"]')).toHaveCount(
    0,
  );
  // Its link, in a new page: the replay starts from there.
  const href = await inList.getByTestId('detail-link').getAttribute('href');
  expect(href).toBe(`/inspector/${encodeURIComponent(eventId)}`);
  await page.close();
  page = await context.newPage();
  await page.goto(`${server.url}${href}`);
  const detail = page.getByTestId('inspector-detail');
  await expect(detail).toHaveAttribute('data-id', eventId);
  await expect(
    detail.locator('[data-testid="detail-field-row"][data-field="phone"][data-changed="true"]'),
  ).toBeVisible();

  replayIds.push(await replayTo(page, 'replay-topic', true));
  replayIds.push(await replayTo(page, 'replay-subject', false));
  replayIds.push(await replayTo(page, 'webhook', false));

  // A retried request (same replay id) is answered from the log and sends nothing.
  const csrf = await csrfOf(page);
  const retry = await page.request.post(`${server.url}/api/replay`, {
    data: { replayId: replayIds[0], eventId, sinkId: 'replay-topic' },
    headers: { 'x-csrf-token': csrf, origin: server.url },
  });
  expect(retry.status()).toBe(200);
  expect(await retry.json()).toMatchObject({ replayId: replayIds[0], status: 'sent', repeated: true });

  // Kafka: exactly one message carries the first replay id.
  const consumer = kafka.consumer({ groupId: `cdcscope-e2e-reader-${Date.now()}` });
  await consumer.connect();
  const got: { key: string | null; value: string; headers: Record<string, string> }[] = [];
  await consumer.subscribe({ topic: TOPIC, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      if (Number(message.offset) < topicStart) return;
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, String(v)]));
      got.push({ key: message.key?.toString('utf8') ?? null, value: message.value?.toString('utf8') ?? '', headers });
    },
  });
  await expect.poll(() => got.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await new Promise((r) => setTimeout(r, 2_000));
  await consumer.disconnect();
  const kafkaCopies = got.filter((m) => m.headers['cdcscope-replay-id'] === replayIds[0]);
  expect(kafkaCopies).toHaveLength(1);
  expectProvenance(kafkaCopies[0]!.headers, replayIds[0]!);
  expect(kafkaCopies[0]!.key).toContain(String(customerId));
  checkPayload(kafkaCopies[0]!.value);

  // JetStream: the stream holds one message, with the replay id as its message id.
  const jsm = await jetstreamManager(nc);
  const info = await jsm.streams.info(STREAM);
  expect(info.state.messages).toBe(1);
  const stored = await jsm.streams.getMessage(STREAM, { seq: info.state.last_seq });
  expect(stored?.header.get('Nats-Msg-Id')).toBe(replayIds[1]);
  const natsHeaders = Object.fromEntries(
    [...(stored?.header.keys() ?? [])].map((k) => [k.toLowerCase(), stored?.header.get(k)]),
  );
  expectProvenance(natsHeaders, replayIds[1]!);
  expect(natsHeaders['cdcscope-original-key']).toContain(String(customerId));
  checkPayload(stored!.string());

  // HTTP: one POST, with the provenance, an idempotency key and the sink's own (secret) header.
  const posts = hooks.filter((h) => h.headers['cdcscope-replay-id'] === replayIds[2]);
  expect(posts).toHaveLength(1);
  const post = posts[0]!;
  expectProvenance(post.headers as Record<string, string>, replayIds[2]!);
  expect(post.headers['idempotency-key']).toBe(replayIds[2]);
  expect(post.headers['content-type']).toBe('application/json');
  expect(post.headers.authorization).toBe(`Bearer ${SINK_SECRET}`);
  checkPayload(post.body);

  // The sink's secret header stays on the server.
  const sinks = await (await page.request.get(`${server.url}/api/sinks`)).text();
  expect(sinks).toContain('webhook');
  expect(sinks + (await page.content())).not.toContain(SINK_SECRET);
});

test('a viewer cannot replay, an anonymous caller gets 401, a cross-site post is refused', async ({
  page,
  browser,
  playwright,
}) => {
  const body = { replayId: crypto.randomUUID(), eventId, sinkId: 'replay-topic' };
  await signIn(page, 'viewer', 'viewer-pass');
  await page.goto(`${server.url}/inspector/${encodeURIComponent(eventId)}`);
  await expect(page.getByTestId('inspector-detail')).toBeVisible();
  const button = page.getByTestId('replay-open');
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute('title', /operator/);
  const asViewer = await page.request.post(`${server.url}/api/replay`, {
    data: body,
    headers: { 'x-csrf-token': await csrfOf(page), origin: server.url },
  });
  expect(asViewer.status()).toBe(403);

  const anonymous = await playwright.request.newContext();
  expect((await anonymous.post(`${server.url}/api/replay`, { data: body })).status()).toBe(401);
  expect((await anonymous.get(`${server.url}/api/audit`)).status()).toBe(401);
  await anonymous.dispose();

  // An operator's browser tricked into posting from another site: its cookie is sent, its Origin gives it away.
  const context = await browser.newContext();
  const op = await context.newPage();
  await signIn(op, 'operator', 'operator-pass');
  const crossSite = await op.request.post(`${server.url}/api/replay`, {
    form: { replayId: body.replayId, eventId, sinkId: 'replay-topic' },
    headers: { origin: 'http://evil.example' },
  });
  expect(crossSite.status()).toBe(403);
  await context.close();
});

test('only an operator with the unmaskedReplay permission can send the unmasked original, and the log says so', async ({
  page,
  browser,
}) => {
  // A plain operator is not offered the choice, and the API refuses it.
  await signIn(page, 'operator', 'operator-pass');
  await page.goto(`${server.url}/inspector/${encodeURIComponent(eventId)}`);
  await page.getByTestId('replay-open').click();
  await expect(page.getByTestId('replay-preview')).toBeVisible();
  await expect(page.getByTestId('replay-unmasked')).toHaveCount(0);
  const refused = await page.request.post(`${server.url}/api/replay`, {
    data: { replayId: crypto.randomUUID(), eventId, sinkId: 'webhook', unmasked: true },
    headers: { 'x-csrf-token': await csrfOf(page), origin: server.url },
  });
  expect(refused.status()).toBe(403);

  const context = await browser.newContext();
  const u = await context.newPage();
  await signIn(u, 'unmasker', 'unmask-pass');
  await u.goto(`${server.url}/inspector/${encodeURIComponent(eventId)}`);
  await u.getByTestId('replay-open').click();
  await u.getByTestId('replay-sink').selectOption('webhook');
  await u.getByTestId('replay-unmasked').check();
  await u.getByTestId('replay-preview').click();
  await expect(u.getByTestId('replay-value')).toContainText(PASSWORD);
  const id =
    (
      await u
        .getByTestId('replay-headers')
        .locator('div', { has: u.locator('dt', { hasText: /^cdcscope-replay-id$/ }) })
        .locator('dd')
        .textContent()
    )?.trim() ?? '';
  await u.getByTestId('replay-send').click();
  await expect(u.getByTestId('replay-result')).toHaveAttribute('data-status', 'sent');
  const post = hooks.find((h) => h.headers['cdcscope-replay-id'] === id);
  expect(post?.body).toContain(PASSWORD);
  const audit = (await (await u.request.get(`${server.url}/api/audit`)).json()) as {
    entries: { replayId: string; unmasked: boolean; actor: { user: string } }[];
  };
  expect(audit.entries.find((e) => e.replayId === id)).toMatchObject({ unmasked: true, actor: { user: 'unmasker' } });
  await context.close();
});

test('the audit log lists the replays after a server restart', async ({ page }) => {
  await server.restart();
  await signIn(page, 'operator', 'operator-pass');
  const audit = (await (await page.request.get(`${server.url}/api/audit`)).json()) as {
    entries: {
      replayId: string;
      status: string;
      sink: { id: string };
      actor: { user: string };
      event: { id: string };
    }[];
  };
  for (const [i, sinkId] of ['replay-topic', 'replay-subject', 'webhook'].entries()) {
    expect(audit.entries.find((e) => e.replayId === replayIds[i])).toMatchObject({
      status: 'sent',
      sink: { id: sinkId },
      actor: { user: 'operator' },
      event: { id: eventId },
    });
  }
  await page.goto(`${server.url}/audit`);
  for (const id of replayIds) {
    const row = page.locator(`[data-testid="audit-row"][data-replay-id="${id}"]`);
    await expect(row).toHaveAttribute('data-status', 'sent');
    await expect(row).toContainText('operator');
  }

  // After the restart the event may be gone from the buffer; a retry is still answered from the log, not re-sent.
  const retry = await page.request.post(`${server.url}/api/replay`, {
    data: { replayId: replayIds[2], eventId, sinkId: 'webhook' },
    headers: { 'x-csrf-token': await csrfOf(page), origin: server.url },
  });
  expect(retry.status()).toBe(200);
  expect(await retry.json()).toMatchObject({ repeated: true, status: 'sent' });
  expect(hooks.filter((h) => h.headers['cdcscope-replay-id'] === replayIds[2])).toHaveLength(1);

  // The event's link still works after the restart: read again from Kafka, masked like the buffer's copy.
  await page.goto(`${server.url}/inspector/${encodeURIComponent(eventId)}`);
  const detail = page.getByTestId('inspector-detail');
  await expect(detail).toHaveAttribute('data-id', eventId);
  await expect(page.getByTestId('detail-read-from-broker')).toBeVisible();
  await expect(detail.locator('[data-testid="detail-field-row"][data-field="password"]')).toContainText('••••••');
  await expect(
    detail.locator('[data-testid="detail-field-row"][data-field="phone"][data-changed="true"]'),
  ).toBeVisible();
  expect(await page.content()).not.toContain(PASSWORD);

  // The event is no longer in this run's buffer: a new replay reads it again from Kafka by its position.
  const fresh = crypto.randomUUID();
  const again = await page.request.post(`${server.url}/api/replay`, {
    data: { replayId: fresh, eventId, sinkId: 'webhook' },
    headers: { 'x-csrf-token': await csrfOf(page), origin: server.url },
  });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ repeated: false, status: 'sent' });
  const refetched = hooks.filter((h) => h.headers['cdcscope-replay-id'] === fresh);
  expect(refetched).toHaveLength(1);
  expectProvenance(refetched[0]!.headers as Record<string, string>, fresh);
  checkPayload(refetched[0]!.body);
});
