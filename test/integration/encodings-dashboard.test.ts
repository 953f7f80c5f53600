import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { Config } from '../../lib/config/schema';
import type { EventListItem } from '../../lib/contracts/event-view';
import type { Pipeline } from '../../server/pipeline/pipeline';
import { createSinkSenders } from '../../server/brokers/registry';
import { createAuditLog } from '../../server/audit/create-audit-log';
import { createReplayService } from '../../server/replay/replay-service';
import { createWireDecoders, type WireDecoders } from '../../server/schema-registry/wire-decoders';
import { createPipeline } from '../../server/pipeline/pipeline';
import { createSource } from '../../server/brokers/registry';
import { configSchema } from '../../lib/config/schema';
import { kafkaClient, kafkaEndOrNone, kafkaReadRaw, stackEnv, stackOk } from '../../scripts/stack.d/testkit';
import { stackInBackground, waitFor } from '../support/stack-env';

/**
 * Each encoding of the stack read through the dashboard's own pipeline (issue #16):
 * Avro through the Schema Registry (avro_a), flattened rows (flat_a) and outbox events
 * (outbox), with masking on; counts compared with the topics themselves; a replayed copy
 * arriving on a watched topic counted apart (issue #10 item 4), re-encoded in Avro; and
 * the registry stopped and started again under a fresh pipeline.
 */
const env = stackEnv();
const db = env.MARIADB_DATABASE!;
const AVRO = env.AVRO_CONNECTOR!;
const FLAT = env.FLAT_CONNECTOR!;
const OUTBOX_TOPIC = env.OUTBOX_TOPIC!;
const avroOrders = `${AVRO}.${db}.orders`;
const flatOrders = `${FLAT}.${db}.orders`;
const flatOutbox = `${FLAT}.${db}.outbox`;
const replayTopic = `cdcscope-it-replays-${Date.now()}`;
const auditDir = mkdtempSync(join(tmpdir(), 'cdcscope-enc-'));

function configFor(topics: string[]): Config {
  return configSchema.parse({
    sources: [
      {
        id: 'kafka',
        kind: 'kafka',
        brokers: [env.KAFKA_BOOTSTRAP],
        clientId: 'cdcscope-it-encodings',
        topics,
        start: 'earliest',
        topicRefreshMs: 2_000,
        registry: { url: env.SCHEMA_REGISTRY_URL, retryMs: 1_000, timeoutMs: 2_000 },
      },
    ],
    sinks: [{ id: 'back', kind: 'kafka', cluster: 'kafka', topic: replayTopic }],
    masking: { fields: ['note'] },
    audit: { kind: 'file', path: join(auditDir, 'audit.jsonl') },
  });
}

async function startPipeline(config: Config): Promise<{ pipeline: Pipeline; decoders: WireDecoders }> {
  const decoders = createWireDecoders(config);
  const pipeline = createPipeline({ config, sources: config.sources.map((s) => createSource(s)), decoders });
  await waitFor('source live', () => pipeline.state.sources()[0]?.status.type === 'live', 90_000, 250);
  return { pipeline, decoders };
}

function events(p: Pipeline, q: Omit<Parameters<Pipeline['state']['events']>[0], 'limit'>): EventListItem[] {
  const r = p.state.events({ ...q, limit: 500 });
  if (!r.ok) throw new Error(r.error);
  return r.value.items;
}

const changesOf = (p: Pipeline, tableKey: string) => {
  const t = p.state.table(tableKey)?.totals;
  return t === undefined ? 0 : t.c + t.u + t.d + t.r;
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A topic's end offsets once they have not moved for 3 s (the connectors caught up with the load). */
async function settledEnd(topic: string): Promise<Map<number, string>> {
  const deadline = Date.now() + 90_000;
  let last = await kafkaEndOrNone(kafka, topic);
  for (;;) {
    await sleep(3_000);
    const now = await kafkaEndOrNone(kafka, topic);
    if (now.size > 0 && [...now].every(([p, end]) => last.get(p) === end)) return now;
    if (Date.now() > deadline) throw new Error(`${topic} did not settle within 90 s`);
    last = now;
  }
}

let kafka: Kafka;
let pipeline: Pipeline;
let decoders: WireDecoders;
const stretch: Record<string, number> = {};

beforeAll(async () => {
  stackOk(['up']);
  kafka = kafkaClient(env);
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic: replayTopic, numPartitions: 1 }], waitForLeaders: true });
  await admin.disconnect();
  const load = stackOk(['load', '--rate', '20', '--seconds', '5', '--db', 'mariadb'], 60_000);
  expect(load.stdout).toMatch(/0 errors/);
  // Everything on the topics once the connectors caught up is what the pipeline must show, exactly.
  // The topics side by side: each settles only after 3 s without a move.
  await Promise.all(
    [avroOrders, flatOrders, OUTBOX_TOPIC].map(async (topic) => {
      const end = await settledEnd(topic);
      const records = await kafkaReadRaw(kafka, topic, new Map(), end, 60_000);
      stretch[topic] = records.filter((r) => r.value !== null).length;
    }),
  );
  ({ pipeline, decoders } = await startPipeline(
    configFor([avroOrders, flatOrders, flatOutbox, OUTBOX_TOPIC, replayTopic]),
  ));
}, 300_000);

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning it
  await pipeline?.close();
  rmSync(auditDir, { recursive: true, force: true });
});

describe('read through the dashboard', () => {
  it(`${avroOrders}: every Avro record decoded and counted, diffs on updates, the masked column masked`, async () => {
    await waitFor(`${avroOrders} counted`, () => changesOf(pipeline, avroOrders) >= stretch[avroOrders]!, 60_000, 250);
    expect(stretch[avroOrders]).toBeGreaterThan(10);
    expect(changesOf(pipeline, avroOrders)).toBe(stretch[avroOrders]);
    expect(pipeline.state.table(avroOrders)?.undecodable).toBe(0);
    expect(pipeline.state.sources()[0]?.registry).toMatchObject({ state: 'ok', failedIds: 0 });

    const update = events(pipeline, { table: avroOrders, op: ['u'] })[0];
    if (update === undefined) throw new Error('no update of orders in the buffer');
    const detail = pipeline.state.event(update.id);
    expect(detail?.raw.decodedFrom).toMatchObject({ format: 'avro' });
    expect(detail?.diff?.changes.length).toBeGreaterThan(0);
    const row = detail?.change?.after;
    expect(row?.note === null || row?.note === '••••••').toBe(true);
    expect(typeof row?.total).toBe('string'); // decimals as people read them: "12.34"
    const withNote = events(pipeline, { table: avroOrders })
      .map((e) => pipeline.state.event(e.id))
      .find((d) => typeof d?.change?.after?.note === 'string');
    // The load generator writes a note on about a third of its orders.
    if (withNote === undefined) throw new Error('no order with a note in the buffer');
    expect(withNote.change?.after?.note).toBe('••••••');
    expect(withNote.raw.masking).toBe('reserialized');
    expect(JSON.parse(withNote.raw.value ?? '{}')).toMatchObject({ after: { note: '••••••' } });
  });

  it(`${flatOrders}: flattened rows counted as changes, labelled, no diff`, async () => {
    await waitFor(`${flatOrders} counted`, () => changesOf(pipeline, flatOrders) >= stretch[flatOrders]!, 60_000, 250);
    expect(changesOf(pipeline, flatOrders)).toBe(stretch[flatOrders]);
    const listed = events(pipeline, { table: flatOrders });
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((e) => e.flattened === true && e.summary === 'flattened: no before image')).toBe(true);
    const detail = pipeline.state.event(listed[0]!.id);
    expect(detail?.change?.flattened).toBeDefined();
    // One row image: the row after the change, or before it for a (rewritten) delete.
    expect([detail?.change?.before, detail?.change?.after].filter((r) => r !== null)).toHaveLength(1);
    expect(detail?.diff).toBeUndefined();
  });

  it(`${OUTBOX_TOPIC}: outbox events counted per aggregate and event type, once, linked to their flat row`, async () => {
    await waitFor('outbox events counted', () => pipeline.state.outbox().events >= stretch[OUTBOX_TOPIC]!, 60_000, 250);
    const summary = pipeline.state.outbox();
    expect(summary.events).toBe(stretch[OUTBOX_TOPIC]);
    const order = summary.aggregates.find((a) => a.aggregateType === 'order');
    expect(order?.events).toBe(stretch[OUTBOX_TOPIC]);
    expect(order?.eventTypes.map((t) => t.eventType)).toEqual(expect.arrayContaining(['OrderCreated']));
    // The outbox table's flattened rows are that table's changes, not a second copy of the events.
    expect(changesOf(pipeline, flatOutbox)).toBeGreaterThan(0);
    const linkedEvent = () =>
      events(pipeline, { kind: 'outbox', aggregateType: 'order', eventType: 'OrderCreated' })
        .map((e) => pipeline.state.event(e.id))
        .find((d) => (d?.outbox?.rowChanges?.length ?? 0) > 0);
    // The outbox table's topic is read beside the events' topic, not before it: on a stack with a
    // long history its catch-up can end later, and only then are the newest events' rows there.
    await waitFor('an outbox event linked to its row change', () => linkedEvent() !== undefined, 90_000, 500);
    expect(linkedEvent()?.outbox?.rowChanges?.[0]).toMatch(new RegExp(`:${flatOutbox.replace(/\./g, '\\.')}:`));
  });
});

describe('a replayed copy on a watched topic (issue #10 item 4)', () => {
  it('re-encoded in Avro with its schema ids, it is decoded, counted apart and never a change of its table', async () => {
    const config = configFor([replayTopic]);
    const audit = await createAuditLog(config.audit);
    const senders = createSinkSenders(config, () => undefined);
    const service = createReplayService({
      sinks: config.sinks,
      senders,
      audit,
      lookup: (id) => pipeline.inspector.lookup(id),
      masker: pipeline.inspector.masker,
      authEnabled: true,
      schemas: (id) => decoders.schemas(id),
    });
    const original = events(pipeline, { table: avroOrders, op: ['c'] })[0];
    if (original === undefined) throw new Error('no insert of orders in the buffer');
    const before = pipeline.state.table(avroOrders)?.totals;
    const operator = { user: 'it', role: 'operator' as const, via: 'token' as const, unmaskedReplay: true };
    const request = {
      replayId: randomUUID(),
      eventId: original.id,
      sinkId: 'back',
      unmasked: true,
      encoding: 'original' as const,
    };
    const preview = await service.preview(operator, request);
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.encodings).toEqual(['json', 'original']);
    expect(preview.value.message.encoded).toMatchObject({ format: 'avro' });
    const sent = await service.replay(operator, request);
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value.status).toBe('sent');

    await waitFor('the copy arrives', () => pipeline.state.table(avroOrders)?.replays === 1, 60_000, 250);
    expect(pipeline.state.table(avroOrders)?.totals).toEqual(before);
    const copies = events(pipeline, { replay: 'only' });
    expect(copies).toHaveLength(1);
    expect(copies[0]).toMatchObject({ replayOf: original.id, kind: 'change', channel: replayTopic });
    const detail = pipeline.state.event(copies[0]!.id);
    expect(detail?.raw.decodedFrom).toMatchObject({ format: 'avro' });
    expect(detail?.replay).toMatchObject({ replayId: request.replayId, replayedBy: 'it', originalEvent: original.id });
    expect(pipeline.state.outbox().replays).toEqual([expect.objectContaining({ table: avroOrders, replays: 1 })]);
    await service.close();
    await audit.close();
  });
});

describe('the registry stopped, then started again', () => {
  it('a fresh pipeline shows Avro as undecodable with the reason while it is down, and decodes again once it is back', async () => {
    stackOk(['stop', 'schema-registry']);
    let fresh: Pipeline | undefined;
    try {
      const started = await startPipeline(configFor([avroOrders]));
      fresh = started.pipeline;
      const p = fresh;
      await waitFor(
        'registry reported unreachable',
        () => p.state.sources()[0]?.registry?.state === 'unreachable',
        60_000,
        250,
      );
      await waitFor(
        'history counted',
        () => (p.state.table(avroOrders)?.undecodable ?? 0) >= stretch[avroOrders]!,
        60_000,
        250,
      );
      expect(changesOf(p, avroOrders)).toBe(0);
      const reason = events(p, { kind: 'undecodable' })[0]?.reason;
      expect(reason).toMatch(/registry (unreachable|did not answer)/);
    } finally {
      stackOk(['start', 'schema-registry'], 240_000);
    }
    const p = fresh;
    // In the background: a synchronous call would stop this process's event loop, and the pipeline with it.
    expect(await stackInBackground('load', '--rate', '20', '--seconds', '3', '--db', 'mariadb')).toBe(0);
    await waitFor('decoding again', () => changesOf(p, avroOrders) > 0, 120_000, 500);
    expect(p.state.sources()[0]?.registry?.state).toBe('ok');
    await p.close();
  });
});
