import { afterEach, describe, expect, it, vi } from 'vitest';
import { configSchema, DEMO_CONFIG_INPUT } from '../../lib/config/schema';
import { channelOf, type RawMessage } from '../../lib/contracts/raw-message';
import { createDemoGenerator } from '../../lib/demo/generator';
import { garbageFixtures, hugeValue } from '../../lib/debezium/fixtures/garbage';
import type { Source, SourceHealth } from '../brokers/source';
import { createPipeline } from './pipeline';

/**
 * Issue #11, target 3: the same input through the main-thread path (`ingest.workers: 0`) and through decode
 * workers (`ingest.workers: 2`) gives the same figures, all of them: table counts, lag percentiles and series,
 * per-source counts, replica pairing, transactions, schemas, the inspector's events and undecodable reasons.
 * Time is frozen per batch, and each batch is accounted before the next is handed over, so both runs see the
 * same clock at every record.
 */
const T0 = Date.UTC(2026, 11, 7, 9, 0, 0);
const TICK_MS = 100;
const TICKS = 40;

let offset = 0;
/** A fixture as the demo source's message at `at`, at an offset of its own (the inspector keeps one event per id). */
function kafkaCopy(m: RawMessage, at: number): RawMessage {
  const origin = {
    kind: 'kafka',
    topic: channelOf(m.origin),
    partition: 0,
    offset: String(offset++),
    timestamp: at,
  } as const;
  return { ...m, sourceId: 'demo', origin, receivedAt: at };
}

function input(): { at: number; batch: RawMessage[] }[] {
  offset = 0;
  const gen = createDemoGenerator({ sourceId: 'demo', seed: 7 });
  const out: { at: number; batch: RawMessage[] }[] = [];
  for (let k = 0; k < TICKS; k++) {
    const at = T0 + k * TICK_MS;
    const batch = gen.tick(at, 40);
    // The decoder's odd shapes, Kafka-shaped, in the demo source's stream: undecodable with their reasons.
    if (k % 10 === 3) batch.push(...Object.values(garbageFixtures).map((m) => kafkaCopy(m, at)));
    if (k === 25) batch.push(kafkaCopy(hugeValue(200_000), at));
    out.push({ at, batch });
  }
  return out;
}

/** Hands the batches over one by one, each once the previous one was accounted, at its own frozen time. */
function replaySource(batches: { at: number; batch: RawMessage[] }[], counted: () => number): Source {
  const health: SourceHealth = { status: { type: 'live' } } as SourceHealth;
  return {
    id: 'demo',
    kind: 'demo',
    target: 'replay',
    channels: [],
    async *batches() {
      let handed = 0;
      for (const { at, batch } of batches) {
        vi.setSystemTime(at);
        yield batch;
        handed += batch.length;
        while (counted() < handed) await new Promise((r) => setImmediate(r));
      }
    },
    status: () => health,
    onStatus: () => () => undefined,
    close: () => Promise.resolve(),
  };
}

async function figures(workers: number) {
  vi.setSystemTime(T0);
  const batches = input();
  const total = batches.reduce((n, b) => n + b.batch.length, 0);
  let counted = 0;
  const config = configSchema.parse({ ...DEMO_CONFIG_INPUT, ingest: { workers } });
  const pipeline = createPipeline({
    config,
    sources: [replaySource(batches, () => counted)],
    onCounted: (b) => {
      counted += b.length;
    },
  });
  while (counted < total) await new Promise((r) => setTimeout(r, 5));
  vi.setSystemTime(T0 + TICKS * TICK_MS + 1_500);
  const s = pipeline.state;
  const tables = s.tables();
  const keys = tables.tables.map((t) => t.tableKey).sort();
  const events = [];
  for (let cursor: string | undefined, page = 0; page < 100; page++) {
    const r = s.events({ limit: 500, ...(cursor === undefined ? {} : { cursor }) });
    if (!r.ok) throw new Error(r.error);
    events.push(...r.value.items);
    if (r.value.nextCursor === null) break;
    cursor = r.value.nextCursor;
  }
  const transactions = s.transactions();
  const out = {
    tables,
    details: keys.map((k) => s.table(k)),
    tableEvents: keys.map((k) => s.tableEvents(k)),
    schemas: keys.map((k) => s.tableSchema(k)),
    partials: pipeline.partials(Date.now()),
    sources: s.sources().map(({ status: _status, ...rest }) => rest),
    throughput: s.throughput(),
    outbox: s.outbox(),
    replicas: s.replicas(),
    pair: s.replicaPair('demo'),
    transactions,
    transaction: transactions.recent.map((t) => s.transaction(t.key)),
    events,
    eventDetails: events.map((e) => s.event(e.id)),
    drifted: s.driftedTables(),
    clocks: s.sourceClocks(),
    seen: s.connectorsSeen(),
  };
  const workerBatches = pipeline.workerBatches;
  await pipeline.close();
  return { out, workerBatches, batches: batches.length };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ingest.workers', () => {
  it('gives every figure the main-thread path gives, on the demo stream with undecodable messages', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    const single = await figures(0);
    const pooled = await figures(2);
    expect(single.workerBatches).toBe(0);
    expect(pooled.workerBatches).toBe(pooled.batches);

    // The input exercises what must stay identical: otherwise equal figures would prove little.
    const a = single.out;
    expect(a.tables.tables.length).toBeGreaterThan(5);
    expect(a.tables.tables.some((t) => t.lag.endToEnd.m1.p99 !== null)).toBe(true);
    expect(a.events.filter((e) => e.kind === 'undecodable').length).toBeGreaterThanOrEqual(
      Object.keys(garbageFixtures).length * 4,
    );
    expect(a.pair?.totals.matched).toBeGreaterThan(0);
    expect(a.transactions.recent.length).toBeGreaterThan(0);

    expect(pooled.out).toEqual(single.out);
  }, 60_000);
});
