import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel } from 'kafkajs';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { configSchema, type KafkaSourceConfig } from '../../lib/config/schema';
import type { EventDetail } from '../../lib/contracts/inspector';
import { parseSeekLine, type SeekLine, type SeekRequest } from '../../lib/contracts/seek';
import { createMasker } from '../../lib/masking/masker';
import { DEFAULT_REPLACEMENT } from '../../lib/masking/schema';
import type { DashboardState } from '../../server/pipeline/dashboard-state';
import { createKafkaSeekReader } from '../../server/brokers/kafka/seek-reader';
import { runSeek } from '../../server/seek/run-seek';
import { createSeekRoutes } from '../../server/seek/seek-routes';
import { ndjsonLines, serveApi } from '../support/api-harness';
import { mariadbPrimary, postgresClient } from '../support/stack-db';
import { stackEnv, waitFor } from '../support/stack-env';

const env = stackEnv();
const run = Date.now();
const topic = `cdcscope-seek-it-${run}`;
const bulkTopic = `cdcscope-seek-it-bulk-${run}`;
const stream = `CDCSCOPE_SEEK_IT_${run}`;
const prefix = `seekit${run}`;
const SECRET = `pw-secret-${run}`;
const kafka = new Kafka({
  clientId: 'cdcscope-seek-it',
  brokers: [env.KAFKA_BOOTSTRAP as string],
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
const config = configSchema.parse({
  sources: [
    { id: 'k', kind: 'kafka', brokers: [env.KAFKA_BOOTSTRAP], topics: ['/^replica_a\\./', topic, bulkTopic] },
    { id: 'js', kind: 'jetstream', servers: [env.NATS_URL], stream, subject: `${prefix}.inventory.*` },
    { id: 'pg', kind: 'jetstream', servers: [env.NATS_URL], stream: env.NATS_STREAM, subject: 'pg.>' },
  ],
  seek: { concurrent: 1, maxSeconds: 60 },
});
let server: Server;
let base = '';
let nc: NatsConnection;

/** A MariaDB-shaped change of `seekit.inventory.customers`: odd ids are updates, every third id is gold, id 7 carries a 5,000-character note. */
function change(i: number, table = 'customers', name = 'seekit') {
  const row = (status: string) => ({
    id: i,
    status,
    password: `${SECRET}-${i}`,
    note: 'n'.repeat(i === 7 ? 5_000 : 10),
  });
  const source = {
    version: '3.5.0.Final',
    connector: 'mariadb',
    name,
    ts_ms: run,
    snapshot: 'false',
    db: 'inventory',
    table,
    server_id: 1,
    gtid: `0-1-${i}`,
    file: 'f',
    pos: i,
    row: 0,
  };
  return JSON.stringify({
    op: i % 2 ? 'u' : 'c',
    before: i % 2 ? row('silver') : null,
    after: row(i % 3 === 0 ? 'gold' : 'silver'),
    source,
    ts_ms: run,
  });
}

async function seek(query: Record<string, string>, signal?: AbortSignal): Promise<SeekLine[]> {
  const res = await fetch(`${base}/api/seek?${new URLSearchParams(query)}`, { signal });
  expect(res.headers.get('content-type')).toMatch(/ndjson/);
  const text = await res.text();
  expect(text).not.toContain(SECRET);
  return ndjsonLines(text, parseSeekLine);
}
const events = (lines: SeekLine[]) => lines.flatMap((l) => (l.type === 'event' ? [l] : []));
const done = (lines: SeekLine[]) => lines.at(-1);
const idOf = (l: { preview: { fields: Record<string, string> } | null }) => Number(l.preview?.fields.id);

async function seekGroups(): Promise<string[]> {
  return (await admin.listGroups()).groups.map((g) => g.groupId).filter((g) => g.startsWith('cdcscope-seek-'));
}

beforeAll(async () => {
  await admin.connect();
  await admin.createTopics({
    topics: [
      { topic, numPartitions: 2 },
      { topic: bulkTopic, numPartitions: 1 },
    ],
    waitForLeaders: true,
  });
  const producer = kafka.producer();
  await producer.connect();
  // First half an hour ago, second half a minute ago (record timestamps), even ids on partition 0, odd on 1.
  const at = (i: number) => String(i < 100 ? run - 3_600_000 + i : run - 60_000 + i);
  await producer.send({
    topic,
    messages: Array.from({ length: 200 }, (_, i) => ({
      partition: i % 2,
      key: JSON.stringify({ id: i }),
      value: change(i),
      timestamp: at(i),
    })),
  });
  for (let b = 0; b < 10; b++)
    await producer.send({
      topic: bulkTopic,
      messages: Array.from({ length: 2_000 }, (_, i) => ({ value: change(b * 2_000 + i, 'bulk') })),
    });
  await producer.disconnect();

  nc = await connect({ servers: env.NATS_URL });
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: stream, subjects: [`${prefix}.>`] });
  const js = (await import('@nats-io/jetstream')).jetstream(nc);
  for (let i = 1; i <= 60; i++)
    await js.publish(
      `${prefix}.inventory.${i % 2 ? 'orders' : 'customers'}`,
      change(i, i % 2 ? 'orders' : 'customers'),
    );

  const state = { sources: () => [] } as unknown as DashboardState;
  ({ server, base } = await serveApi(state, createSeekRoutes({ config }), { startedAt: run, version: 'it' }));
});

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  server?.close();
  await admin.deleteTopics({ topics: [topic, bulkTopic] }).catch(() => undefined);
  await (await jetstreamManager(nc)).streams.delete(stream).catch(() => undefined);
  await Promise.allSettled([admin.disconnect(), nc.close()]);
});

describe('seek on Kafka', () => {
  it('by time: reads from the first record at or after it to the end as of the start', async () => {
    const lines = await seek({ sourceId: 'k', channel: topic, start: `time:${run - 60_000}` });
    const got = events(lines);
    expect(got).toHaveLength(100);
    expect(Math.min(...got.map(idOf))).toBe(100);
    expect(got.filter((e) => e.ref.kind === 'kafka' && e.ref.partition === 0).map(idOf)[0]).toBe(100);
    expect(done(lines)).toMatchObject({ type: 'done', reason: 'end', scanned: 100, matched: 100 });
    expect(got[0]?.item).toMatchObject({ tableKey: 'seekit.inventory.customers', channel: topic });
    expect(lines.some((l) => l.type === 'progress')).toBe(true);
  });

  it('by partition@offset with the inspector filters', async () => {
    const lines = await seek({
      sourceId: 'k',
      channel: topic,
      start: 'offset:1@10',
      op: 'u',
      field: 'after.status=gold',
      table: 'seekit.inventory.customers',
    });
    const got = events(lines);
    const want = Array.from({ length: 200 }, (_, i) => i).filter((i) => i >= 21 && i % 2 === 1 && i % 3 === 0);
    expect(got.map(idOf)).toEqual(want);
    expect(got.every((e) => e.ref.kind === 'kafka' && e.ref.partition === 1 && BigInt(e.ref.offset) >= 10n)).toBe(true);
    expect(done(lines)).toMatchObject({ reason: 'end', scanned: 90, matched: want.length });
  });

  it('stops at the result limit and at the scan limit, saying which', async () => {
    const limited = await seek({ sourceId: 'k', channel: topic, start: 'beginning', limit: '5' });
    expect(events(limited)).toHaveLength(5);
    expect(done(limited)).toMatchObject({ reason: 'limit', matched: 5 });
    const scanned = await seek({ sourceId: 'k', channel: topic, start: 'offset:0', q: 'matches-nothing', scan: '30' });
    expect(events(scanned)).toHaveLength(0);
    expect(done(scanned)).toMatchObject({ reason: 'scan-limit', scanned: 30, matched: 0 });
  });

  it('masks, cuts big values in the list, and fetches the whole message on demand', async () => {
    const lines = await seek({ sourceId: 'k', channel: topic, start: 'offset:1@3', limit: '1' });
    const e = events(lines)[0]!;
    expect(idOf(e)).toBe(7);
    expect(e.preview?.fields.password).toBe(DEFAULT_REPLACEMENT);
    expect(e.preview?.truncated).toBe(true);
    expect(e.preview?.fields.note?.length).toBeLessThan(200);
    if (e.ref.kind !== 'kafka') throw new Error('kafka ref expected');
    const res = await fetch(
      `${base}/api/seek/message?${new URLSearchParams({ sourceId: 'k', channel: topic, partition: '1', offset: e.ref.offset })}`,
    );
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(SECRET);
    const detail = JSON.parse(text) as EventDetail;
    expect(detail.id).toBe(e.item.id);
    expect(detail.change?.after?.note).toBe('n'.repeat(5_000));
    expect(detail.change?.after?.password).toBe(DEFAULT_REPLACEMENT);
    expect(detail.raw.masking).toBe('reserialized');
    const gone = await fetch(
      `${base}/api/seek/message?${new URLSearchParams({ sourceId: 'k', channel: topic, partition: '1', offset: '100000' })}`,
    );
    expect(gone.status).toBe(404);
  });

  it('refuses topics the source does not read, and bad starts', async () => {
    expect((await fetch(`${base}/api/seek?sourceId=k&channel=__consumer_offsets&start=beginning`)).status).toBe(400);
    expect((await fetch(`${base}/api/seek?sourceId=nope&channel=x&start=beginning`)).status).toBe(404);
    expect(done(await seek({ sourceId: 'k', channel: topic, start: 'seq:3' }))).toMatchObject({
      type: 'error',
      error: expect.stringMatching(/seq is for JetStream/),
    });
  });

  it('a cancel ends the seek as cancelled, frees its slot (429 while busy) and deletes its group', async () => {
    // Straight through runSeek: the client that cancelled over HTTP never sees the last line.
    const lines: SeekLine[] = [];
    const abort = new AbortController();
    const request: SeekRequest = {
      sourceId: 'k',
      channel: bulkTopic,
      start: { kind: 'beginning' },
      filter: {},
      limit: 10_000,
      scan: 1_000_000,
      maxMs: 60_000,
    };
    const slow = async (l: SeekLine) => {
      lines.push(l);
      if (events(lines).length === 3) abort.abort();
      await new Promise((r) => setTimeout(r, 20));
    };
    const reader = createKafkaSeekReader(config.sources[0] as KafkaSourceConfig, bulkTopic, request.start);
    const reason = await runSeek({
      request,
      reader,
      masker: createMasker({}),
      decode: {},
      write: slow,
      signal: abort.signal,
    });
    expect(reason).toBe('cancelled');
    expect(done(lines)).toMatchObject({ type: 'done', reason: 'cancelled' });
    expect(events(lines).length).toBeLessThan(10);

    // Over HTTP: a reader that stops reading keeps its seek busy (backpressure), so the one slot is taken.
    const before = new Set(await seekGroups());
    const client = new AbortController();
    const res = await fetch(`${base}/api/seek?sourceId=k&channel=${bulkTopic}&start=beginning`, {
      signal: client.signal,
    });
    const first = await res.body!.getReader().read();
    expect(new TextDecoder().decode(first.value)).toMatch(/"type":"(event|progress)"/);
    expect((await fetch(`${base}/api/seek?sourceId=k&channel=${topic}&start=beginning`)).status).toBe(429);
    client.abort();
    await waitFor(
      'the slot freed',
      async () => (await fetch(`${base}/api/seek?sourceId=k&channel=${topic}&start=beginning&limit=1`)).status === 200,
      30_000,
      250,
    );
    // Groups left by someone else's killed server are not this test's business.
    await waitFor('no seek group left', async () => (await seekGroups()).every((g) => before.has(g)), 30_000, 500);
  });

  it('finds a real replica_a change by time, masked', async () => {
    const db = await mariadbPrimary(env);
    const email = `seek-${run}@example.com`;
    const since = Date.now() - 1_000;
    await db.query('INSERT INTO customers (first_name, last_name, email, password) VALUES (?, ?, ?, ?)', [
      'Seek',
      'Probe',
      email,
      SECRET,
    ]);
    await db.end();
    const found = await waitFor(
      'the insert on replica_a',
      async () =>
        events(
          await seek({
            sourceId: 'k',
            channel: 'replica_a.inventory.customers',
            start: `time:${since}`,
            field: `after.email=${email}`,
          }),
        )[0],
      60_000,
      1_000,
    );
    expect(found.item.op).toBe('c');
    expect(found.preview?.fields.password).toBe(DEFAULT_REPLACEMENT);
  });
});

describe('seek on JetStream', () => {
  it('by seq on one subject of a test stream, to the last seq as of the start', async () => {
    const lines = await seek({ sourceId: 'js', channel: `${prefix}.inventory.customers`, start: 'seq:21' });
    const got = events(lines);
    expect(got.map((e) => (e.ref.kind === 'jetstream' ? e.ref.seq : 0))).toEqual(
      Array.from({ length: 20 }, (_, i) => 22 + 2 * i),
    );
    expect(
      got.every(
        (e) => e.item.channel === `${prefix}.inventory.customers` && e.preview?.fields.password === DEFAULT_REPLACEMENT,
      ),
    ).toBe(true);
    expect(done(lines)).toMatchObject({ reason: 'end', matched: 20 });
    expect((done(lines) as { scanned: number }).scanned).toBeGreaterThanOrEqual(20);
    expect(done(await seek({ sourceId: 'js', channel: `${prefix}.>`, start: 'seq:1', limit: '4' }))).toMatchObject({
      reason: 'limit',
      matched: 4,
    });
    expect(
      done(await seek({ sourceId: 'js', channel: `${prefix}.>`, start: 'seq:1', scan: '7', q: 'nothing-here' })),
    ).toMatchObject({ reason: 'scan-limit', scanned: 7 });
    expect(done(await seek({ sourceId: 'js', channel: `${prefix}.>`, start: 'offset:3' }))).toMatchObject({
      type: 'error',
    });
  });

  it('finds a real PostgreSQL change on DebeziumStream by time and fetches it by seq, masked', async () => {
    const client = await postgresClient(env);
    const email = `seek-${run}@example.com`;
    const since = Date.now() - 1_000;
    await client.query(
      'INSERT INTO inventory.customers (first_name, last_name, email, password) VALUES ($1, $2, $3, $4)',
      ['Seek', 'Probe', email, SECRET],
    );
    await client.end();
    const found = await waitFor(
      'the insert on DebeziumStream',
      async () =>
        events(
          await seek({
            sourceId: 'pg',
            channel: 'pg.inventory.customers',
            start: `time:${since}`,
            field: `after.email=${email}`,
          }),
        )[0],
      60_000,
      1_000,
    );
    if (found.ref.kind !== 'jetstream') throw new Error('jetstream ref expected');
    const res = await fetch(`${base}/api/seek/message?sourceId=pg&channel=pg.inventory.customers&seq=${found.ref.seq}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).not.toContain(SECRET);
    const detail = JSON.parse(text) as EventDetail;
    expect(detail.change?.after?.email).toBe(email);
    expect(detail.change?.after?.password).toBe(DEFAULT_REPLACEMENT);
    expect(
      (await fetch(`${base}/api/seek/message?sourceId=pg&channel=pg.inventory.orders&seq=${found.ref.seq}`)).status,
    ).toBe(404);
  });
});
