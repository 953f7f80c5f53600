import { afterEach, describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { mariaInsert, mariaUpdateA, rawFrom } from '../../lib/debezium/fixtures';
import {
  flattenedFixtures,
  OUTBOX_EVENT_ID,
  outboxFixtures,
  outboxTableChange,
} from '../../lib/debezium/fixtures/shapes';
import { OUTBOX_KEY } from '../../lib/store/event-store';
import { PROVENANCE } from '../../lib/replay/provenance';
import { createPipeline, type Pipeline } from './pipeline';
import { createSinkSenders } from '../brokers/registry';
import { createReplayService } from '../replay/replay-service';
import type { AuditLog } from '../../lib/contracts/audit';

/** Outbox events and replayed copies through the pipeline: what is counted where, and what the inspector shows. */
const config = configSchema.parse({
  sources: [{ id: 'kafka-test', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['/.*/'] }],
  replicas: [{ id: 'inventory', a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' } }],
  masking: { fields: ['orderId'] },
});

let pipeline: Pipeline | undefined;
afterEach(async () => {
  await pipeline?.close();
});

const page = (p: Pipeline, q: Parameters<Pipeline['state']['events']>[0]) => {
  const r = p.state.events(q);
  if (!r.ok) throw new Error(r.error);
  return r.value.items;
};

describe('outbox events', () => {
  it('are counted per aggregate and event type, listed, filtered, masked and linked to the outbox row change', () => {
    pipeline = createPipeline({ config, sources: [] });
    const p = pipeline;
    p.ingest([
      outboxFixtures.expanded,
      outboxFixtures.wrapped,
      rawFrom({ topic: 'outbox.event.Customer', key: 'C-9', value: { name: 'x' }, headers: { type: 'Registered' } }),
      outboxTableChange,
    ]);
    const summary = p.state.outbox();
    expect(summary.events).toBe(3);
    expect(summary.aggregates.find((a) => a.aggregateType === 'Order')).toMatchObject({
      events: 2,
      eventTypes: [{ eventType: 'OrderCreated', events: 2 }],
    });
    expect(summary.aggregates.find((a) => a.aggregateType === 'Customer')?.eventTypes).toMatchObject([
      { eventType: 'Registered', events: 1 },
    ]);
    // Outbox events are not a table's changes; the outbox table's own change is.
    expect(p.state.tables().tables.map((t) => t.tableKey)).toEqual(['pg.inventory.outboxevent']);

    const orders = page(p, { kind: 'outbox', aggregateType: 'Order', limit: 100 });
    expect(orders).toHaveLength(2);
    expect(orders.every((e) => e.tableKey === undefined && e.eventType === 'OrderCreated')).toBe(true);
    expect(page(p, { eventType: 'Registered', limit: 100 })).toHaveLength(1);
    expect(page(p, { table: OUTBOX_KEY, limit: 100 })).toHaveLength(3);
    expect(page(p, { q: 'registered', limit: 100 })).toHaveLength(0);

    // The newest first: `wrapped` has a JSON-string payload, `expanded` an object.
    const detail = p.state.event(orders[1]!.id);
    expect(detail?.outbox).toMatchObject({
      aggregateType: 'Order',
      eventType: 'OrderCreated',
      eventId: OUTBOX_EVENT_ID,
    });
    expect(detail?.outbox?.payload).toMatchObject({ orderId: '••••••' });
    const rowChange = page(p, { table: 'pg.inventory.outboxevent', limit: 10 })[0];
    expect(rowChange).toBeDefined();
    expect(detail?.outbox?.rowChanges).toEqual([rowChange?.id]);
    expect(p.state.event(rowChange!.id)?.outboxEvents).toHaveLength(2);
  });
});

describe('flattened rows', () => {
  it('are changes labelled "flattened: no before image", with no diff', () => {
    pipeline = createPipeline({ config, sources: [] });
    const p = pipeline;
    p.ingest([flattenedFixtures.update]);
    const [item] = page(p, { limit: 10 });
    expect(item).toMatchObject({ kind: 'change', op: 'u', flattened: true, summary: 'flattened: no before image' });
    const detail = p.state.event(item!.id);
    expect(detail?.change?.flattened).toEqual({ opFrom: 'field' });
    expect(detail?.diff).toBeUndefined();
  });
});

describe('replayed copies on a watched topic (issue #10 item 4)', () => {
  it('are counted apart per table, shown as replays, never in the table counts or the replica pairs', () => {
    pipeline = createPipeline({ config, sources: [] });
    const p = pipeline;
    const original = rawFrom({ topic: 'replica_a.inventory.orders', key: { id: 4711 }, value: mariaInsert });
    p.ingest([original]);
    const before = p.state.table('replica_a.inventory.orders');
    const pairBefore = p.state.replicaPair('inventory');
    const originalId = page(p, { limit: 10 })[0]!.id;
    const headers = {
      [PROVENANCE.replayId]: 'r-1',
      [PROVENANCE.replayedBy]: 'ops',
      [PROVENANCE.replayedAt]: '2026-12-06T23:00:00.000Z',
      [PROVENANCE.eventId]: originalId,
    };
    p.ingest([
      rawFrom({ topic: 'replica_a.inventory.orders', key: { id: 4711 }, value: mariaUpdateA, headers }),
      // Keyless, as a NATS or HTTP sink sends it: still a replay, never a pairing candidate with key null.
      rawFrom({
        topic: 'replica_b.inventory.orders',
        value: mariaUpdateA,
        headers: { ...headers, [PROVENANCE.replayId]: 'r-2' },
      }),
    ]);
    const after = p.state.table('replica_a.inventory.orders');
    expect(after?.totals).toEqual(before?.totals);
    // Both copies name replica_a's table in their source block, wherever they were written.
    expect(after?.replays).toBe(2);
    expect(p.state.tables().tables.map((t) => t.tableKey)).toEqual(['replica_a.inventory.orders']);
    expect(p.state.outbox().replays.map((r) => [r.table, r.replays])).toEqual([['replica_a.inventory.orders', 2]]);
    expect(p.state.replicaPair('inventory')?.totals).toEqual(pairBefore?.totals);

    const replays = page(p, { replay: 'only', limit: 10 });
    expect(replays).toHaveLength(2);
    expect(replays.every((e) => e.replayOf === originalId)).toBe(true);
    expect(page(p, { replay: 'exclude', limit: 10 }).map((e) => e.id)).toEqual([originalId]);
    expect(p.state.event(replays[0]!.id)?.replay).toEqual({
      replayId: 'r-2',
      replayedBy: 'ops',
      replayedAt: '2026-12-06T23:00:00.000Z',
      originalEvent: originalId,
    });
  });
});

describe('a replayed copy on a JetStream subject', () => {
  it('is counted apart too, keyless as the NATS sink sends it', () => {
    pipeline = createPipeline({ config, sources: [] });
    const p = pipeline;
    p.ingest([
      rawFrom({
        broker: 'jetstream',
        topic: 'replica_a.inventory.orders',
        value: mariaInsert,
        headers: { [PROVENANCE.replayId]: 'r-js', [PROVENANCE.key]: '{"id":4711}' },
      }),
    ]);
    expect(p.state.tables().tables).toEqual([]);
    expect(p.state.outbox().replays).toEqual([
      expect.objectContaining({ table: 'replica_a.inventory.orders', replays: 1 }),
    ]);
    expect(page(p, { replay: 'only', limit: 10 })[0]).toMatchObject({ replayOf: '(replay)' });
  });
});

describe('an outbox event replayed', () => {
  it('is sent with its payload and provenance, and its copy is a replay, not a second event', async () => {
    const demo = configSchema.parse({
      sources: [{ id: 'kafka-test', kind: 'kafka', brokers: ['127.0.0.1:1'], topics: ['/.*/'] }],
      sinks: [{ id: 'demo-replay', kind: 'demo' }],
    });
    pipeline = createPipeline({ config: demo, sources: [] });
    const p = pipeline;
    p.ingest([outboxFixtures.expanded]);
    const audit: AuditLog = {
      description: 'none',
      append: () => Promise.resolve(),
      find: () => Promise.resolve(undefined),
      page: () => Promise.resolve({ entries: [], nextBefore: null, store: 'none' }),
      close: () => Promise.resolve(),
    };
    const service = createReplayService({
      sinks: demo.sinks,
      senders: createSinkSenders(demo, (m) => p.ingest([m])),
      audit,
      lookup: (id) => p.inspector.lookup(id),
      masker: p.inspector.masker,
      authEnabled: false,
    });
    const original = page(p, { kind: 'outbox', limit: 10 })[0]!;
    const anonymous = { user: null, role: 'viewer' as const, via: 'anonymous' as const, unmaskedReplay: false };
    const request = { replayId: '0b8f5a3e-3f0e-4c56-9b4a-1d2e3f4a5b6c', eventId: original.id, sinkId: 'demo-replay' };
    const sent = await service.replay(anonymous, { ...request, unmasked: false });
    if (!sent.ok) throw new Error(sent.error.message);
    expect(sent.value.status).toBe('sent');
    expect(p.state.outbox().events).toBe(1);
    const copy = page(p, { replay: 'only', limit: 10 })[0];
    // The demo sink writes to demo.replay, not an outbox topic: the copy is the bare payload, listed as a replay.
    expect(copy).toMatchObject({ replayOf: original.id, channel: 'demo.replay' });
    const detail = p.state.event(copy!.id);
    expect(JSON.parse(detail?.raw.value ?? 'null')).toEqual({ orderId: 4711, total: '12.34' });
    expect(detail?.raw.headers).toMatchObject({ id: OUTBOX_EVENT_ID, type: 'OrderCreated' });
    expect(p.state.outbox().replays).toEqual([expect.objectContaining({ table: 'demo.replay', replays: 1 })]);
    await service.close();
  });
});
