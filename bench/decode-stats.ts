/**
 * Decoder + per-table statistics benchmark: the pure hot path of cdcscope,
 * in process, on one core.
 *
 *   npx tsx bench/decode-stats.ts [--events 500000] [--runs 3]
 *
 * Each throughput figure is the best of `runs` runs: on a shared machine the
 * slow runs measure the neighbours, not the code.
 * Prints one line per figure, then one JSON line with all of them (for
 * bench/index.ts). Messages are realistic Debezium events of ~1 KB bare
 * (MariaDB replica pair + PostgreSQL, 60 tables, c/u/d/r and tombstones),
 * half of them schema-wrapped (`schemas.enable=true`), which makes those
 * ~2.5× bigger. The clock is simulated at 50,000 events/s so seconds, lag
 * slots and windows roll over as they would live.
 */
import type { RawMessage } from '../lib/contracts/raw-message';
import { createStatsRegistry } from '../lib/analytics/stats-registry';
import { decodeMessage } from '../lib/debezium/decode-message';
import { changeAt } from '../lib/debezium/fixtures/records';
import { mariadbSource } from '../lib/debezium/fixtures/mariadb';
import { pgSource } from '../lib/debezium/fixtures/postgres';
import { rawFrom } from '../lib/debezium/fixtures/raw-from';
import { withSchema } from '../lib/debezium/fixtures/connect-schema';
import { toListItem } from '../lib/event-views/to-list-item';
import { forceGc, liveBytes } from './heap';
import { sampleRow, T0 } from './sample-row';

export interface DecodeStatsResult {
  events: number;
  avgMessageBytes: number;
  eventsPerSecond: number;
  megabytesPerSecond: number;
  bareEventsPerSecond: number;
  wrappedEventsPerSecond: number;
  withListItemEventsPerSecond: number;
  decodeOnlyEventsPerSecond: number;
  heapUsedMiB: number;
  busyBytesPerTable: number;
  idleBytesPerTable: number;
  footprintBytesPerTable: number;
  summaries500TablesMs: number;
  detailMs: number;
}

/** Simulated arrival rate: 20 µs per event. */
const SIM_STEP_MS = 0.02;
const POOL_SIZE = 4_096;
const SERVERS = ['replica_a', 'replica_b', 'pg'] as const;
const TABLES_PER_SERVER = 20;
const OPS = ['c', 'u', 'u', 'u', 'u', 'd', 'r'] as const;

/** One pool message: table, op and converter form vary with `i`. */
function poolMessage(i: number): RawMessage {
  const server = SERVERS[i % SERVERS.length] ?? 'pg';
  const table = `table_${Math.floor(i / SERVERS.length) % TABLES_PER_SERVER}`;
  const topic = `${server}.shop.${table}`;
  const op = OPS[i % OPS.length] ?? 'u';
  const id = 1_000 + i;
  const committed = T0 - 200 - (i % 700);
  const position =
    server === 'pg' ? { lsn: 90_000_000 + i * 512, txId: 7_000 + i } : { gtid: `0-1-${50_000 + i}`, pos: 4 + i * 900 };
  const sourceFields = { name: server, ts_ms: committed, table, snapshot: op === 'r' ? 'true' : 'false', ...position };
  const source =
    server === 'pg'
      ? pgSource({ ...sourceFields, schema: 'shop', db: 'shop' })
      : mariadbSource({ ...sourceFields, db: 'shop', server_id: server === 'replica_a' ? 201 : 202 });
  const envelope = {
    before: op === 'u' || op === 'd' ? sampleRow(id, 1) : null,
    after: op === 'd' ? null : sampleRow(id, 2),
    source,
    op,
    ts_ms: committed + 15 + (i % 40),
    transaction: null,
  };
  const wrapped = i % 2 === 1;
  // Every 50th message is the tombstone that follows a delete.
  const value = i % 50 === 49 ? null : wrapped ? withSchema(envelope, topic) : envelope;
  return rawFrom({
    topic,
    key: wrapped ? withSchema({ id }, topic, 'Key') : { id },
    value,
    offset: i,
    partition: i % 6,
    sourceId: 'bench',
  });
}

type Step = (raw: RawMessage, now: number) => void;

/** Runs `step` over `events` messages from `pool` with a simulated clock; returns events/s. */
function timeRun(pool: RawMessage[], events: number, step: Step, startAt = T0): number {
  const started = performance.now();
  let now = startAt;
  for (let i = 0; i < events; i++) {
    const raw = pool[i % pool.length] as RawMessage;
    now += SIM_STEP_MS;
    // Adapters build a fresh RawMessage per message; so does the benchmark (field by field: see decode-message.ts on spreads).
    const at = Math.floor(now);
    step(
      {
        sourceId: raw.sourceId,
        origin: raw.origin,
        key: raw.key,
        value: raw.value,
        headers: raw.headers,
        receivedAt: at,
      },
      at,
    );
  }
  return events / ((performance.now() - started) / 1_000);
}

interface TableMemory {
  /** Heap + array buffers per table while every table is busy (recording histograms allocated). */
  busyBytesPerTable: number;
  /** The same once tables went quiet and gave their recording histograms back. */
  idleBytesPerTable: number;
  footprintBytesPerTable: number;
  summariesMs: number;
  detailMs: number;
}

/** Memory per table for `tables` tables after 6 simulated minutes of traffic (every lag slot filled). */
function measureTables(tables: number): TableMemory {
  // Slot-aligned start, so the last records and the first read share a lag slot.
  const start = T0 - (T0 % 30_000);
  forceGc();
  const before = liveBytes();
  const registry = createStatsRegistry();
  const seconds = 6 * 60 - 1;
  for (let sec = 0; sec < seconds; sec++) {
    for (let t = 0; t < tables; t++) {
      const now = start + sec * 1_000 + (t % 1_000);
      // Lag spread 20 ms – 2 s with a slow drift: many distinct histogram buckets, as under real load.
      const e2e = 20 + ((sec * 37 + t * 101) % 2_000);
      registry.record(
        changeAt({ topic: `${SERVERS[t % 3]}.shop.t${t}`, now, e2eLagMs: e2e, captureLagMs: 5 + (e2e % 90), op: 'u' }),
        now,
      );
    }
  }
  forceGc();
  const busy = liveBytes();
  const footprint = registry.footprintBytes() / tables;
  const end = start + seconds * 1_000;
  const rounds = 20;
  // Each read follows a new event in every table, so no table can answer from its cache: the busy case.
  const nudges = Array.from({ length: tables }, (_, t) =>
    changeAt({ topic: `${SERVERS[t % 3]}.shop.t${t}`, now: end, e2eLagMs: 100 + t, op: 'u' }),
  );
  let summariesTotal = 0;
  for (let i = 0; i < rounds; i++) {
    const at = end + i * 250;
    for (const rec of nudges) registry.record(rec, at);
    const readStarted = performance.now();
    registry.summaries(at);
    summariesTotal += performance.now() - readStarted;
  }
  const summariesMs = summariesTotal / rounds;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) registry.detail(`pg.shop.t${i * 3 + 2}`, end + rounds * 250);
  const detailMs = (performance.now() - started) / rounds;
  // A read one lag slot later seals the current slot of every quiet table and frees its recorder.
  registry.summaries(end + 60_000);
  forceGc();
  const idle = liveBytes();
  if (registry.size !== tables) throw new Error(`expected ${tables} tables, got ${registry.size}`);
  return {
    busyBytesPerTable: (busy - before) / tables,
    idleBytesPerTable: (idle - before) / tables,
    footprintBytesPerTable: footprint,
    summariesMs,
    detailMs,
  };
}

export function runDecodeStatsBench(
  options: { events?: number; runs?: number; print?: boolean } = {},
): DecodeStatsResult {
  const events = options.events ?? 500_000;
  const runs = Math.max(1, options.runs ?? 3);
  const print = options.print ?? true;
  const log = (line: string) => print && console.log(line);
  const pool = Array.from({ length: POOL_SIZE }, (_, i) => poolMessage(i));
  const bare = pool.filter((_, i) => i % 2 === 0);
  const wrapped = pool.filter((_, i) => i % 2 === 1);
  const avgBytes = pool.reduce((n, m) => n + (m.key?.length ?? 0) + (m.value?.length ?? 0), 0) / pool.length;
  const avgBare = bare.reduce((n, m) => n + (m.value?.length ?? 0), 0) / bare.length;
  const avgWrapped = wrapped.reduce((n, m) => n + (m.value?.length ?? 0), 0) / wrapped.length;
  log(
    `messages: ${POOL_SIZE} distinct, avg ${Math.round(avgBytes)} B key+value (bare values ${Math.round(avgBare)} B, schema-wrapped ${Math.round(avgWrapped)} B), ${SERVERS.length * TABLES_PER_SERVER} tables`,
  );

  // Memory first, on a clean heap: array buffers freed by later runs are reclaimed lazily and would skew the difference.
  const tables = measureTables(500);

  /** A new registry per run, so every run starts from the same state. */
  const decodeAndStats = (): Step => {
    const registry = createStatsRegistry();
    return (raw, now) => registry.record(decodeMessage(raw), now);
  };
  const best = (messages: RawMessage[], makeStep: () => Step) => {
    let top = 0;
    for (let r = 0; r < runs; r++) top = Math.max(top, timeRun(messages, events, makeStep()));
    return top;
  };
  // Warm-up: let the JIT settle on every path before timing.
  timeRun(pool, 100_000, decodeAndStats());
  timeRun(pool, 50_000, (raw) => decodeMessage(raw));

  const decodeOnly = best(pool, () => (raw) => decodeMessage(raw));
  const mixed = best(pool, decodeAndStats);
  const bareRate = best(bare, decodeAndStats);
  const wrappedRate = best(wrapped, decodeAndStats);
  const withListItem = best(pool, () => {
    const registry = createStatsRegistry();
    return (raw, now) => {
      const rec = decodeMessage(raw);
      registry.record(rec, now);
      toListItem(rec);
    };
  });
  const heapUsedMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const mbPerSecond = (mixed * avgBytes) / 2 ** 20;

  log(`throughput figures: best of ${runs} runs of ${events.toLocaleString('en')} events, one core`);
  log(`decode only: ${Math.round(decodeOnly).toLocaleString('en')} events/s`);
  log(`decode + stats (mixed): ${Math.round(mixed).toLocaleString('en')} events/s (target ≥ 50,000)`);
  log(`decode + stats throughput: ${mbPerSecond.toFixed(1)} MB/s`);
  log(`decode + stats (bare values only): ${Math.round(bareRate).toLocaleString('en')} events/s`);
  log(`decode + stats (schema-wrapped only): ${Math.round(wrappedRate).toLocaleString('en')} events/s`);
  log(`decode + stats + list item: ${Math.round(withListItem).toLocaleString('en')} events/s`);
  log(`heap used after ${events.toLocaleString('en')}-event runs: ${heapUsedMiB.toFixed(1)} MiB`);

  log(
    `memory per busy table (500 tables, 6 simulated minutes, JS heap + typed arrays): ${(tables.busyBytesPerTable / 1024).toFixed(1)} KiB (target ≤ ~100 KB)`,
  );
  log(`memory per quiet table (recording histograms released): ${(tables.idleBytesPerTable / 1024).toFixed(1)} KiB`);
  log(`memory per table, typed arrays only (footprintBytes): ${(tables.footprintBytesPerTable / 1024).toFixed(1)} KiB`);
  log(`summaries() of 500 busy tables (every one updated since the last read): ${tables.summariesMs.toFixed(2)} ms`);
  log(`detail() of one table (900 points): ${tables.detailMs.toFixed(2)} ms`);

  const result: DecodeStatsResult = {
    events,
    avgMessageBytes: Math.round(avgBytes),
    eventsPerSecond: Math.round(mixed),
    megabytesPerSecond: Math.round(mbPerSecond * 10) / 10,
    bareEventsPerSecond: Math.round(bareRate),
    wrappedEventsPerSecond: Math.round(wrappedRate),
    withListItemEventsPerSecond: Math.round(withListItem),
    decodeOnlyEventsPerSecond: Math.round(decodeOnly),
    heapUsedMiB: Math.round(heapUsedMiB * 10) / 10,
    busyBytesPerTable: Math.round(tables.busyBytesPerTable),
    idleBytesPerTable: Math.round(tables.idleBytesPerTable),
    footprintBytesPerTable: Math.round(tables.footprintBytesPerTable),
    summaries500TablesMs: Math.round(tables.summariesMs * 100) / 100,
    detailMs: Math.round(tables.detailMs * 100) / 100,
  };
  if (print) console.log(JSON.stringify(result));
  return result;
}

// Run when executed directly (`npx tsx bench/decode-stats.ts`), not when imported.
if (process.argv[1]?.endsWith('decode-stats.ts')) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : undefined;
  };
  runDecodeStatsBench({ events: arg('--events'), runs: arg('--runs') });
}
