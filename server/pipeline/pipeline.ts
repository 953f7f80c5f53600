import '../server-only';
import type { Config } from '../../lib/config/schema';
import type { DecodedRecord } from '../../lib/contracts/change-event';
import type { EventListItem } from '../../lib/contracts/event-view';
import type { RawMessage } from '../../lib/contracts/raw-message';
import type { PartialTableStats } from '../../lib/analytics/table-stats';
import { createOverallThroughput } from '../../lib/analytics/overall-throughput';
import { createStatsRegistry } from '../../lib/analytics/stats-registry';
import { tableKeyOf } from '../../lib/debezium/table-identity';
import { suggestReplicaPairs } from '../../lib/replicas/pair-detection';
import { createMasker } from '../../lib/masking/masker';
import { maskPairSummary } from '../../lib/masking/mask-outputs';
import { createEventStore } from '../../lib/store/event-store';
import type { EventMasker, OutboxLinks, StoredEvent } from '../../lib/store/event-store-view';
import { createOutboxTally } from '../../lib/analytics/outbox-tally';
import { createReplayTally } from '../../lib/analytics/replay-tally';
import { PROVENANCE } from '../../lib/replay/provenance';
import type { Metrics } from '../metrics/metrics';
import type { DashboardState } from './dashboard-state';
import type { Source } from '../brokers/source';
import { createLagMonitor, type LagMonitor } from '../lag/lag-monitor';
import { createReplicaTrackers } from './replica-trackers';
import { sourceSummaries } from './source-summaries';
import { createSchemaWait } from './schema-wait';
import { createWireDecoders, type WireDecoders } from '../schema-registry/wire-decoders';
import { errorMessage } from '../../lib/error-message';
import { createTransactionsView } from './transactions-view';
import { eventIdOf } from '../../lib/transactions/transaction-table';
import { createSnapshotTracker } from '../../lib/connectors/snapshot-tracker';
import { connectorHealthAll } from '../../lib/lag/connector-stall';
import { serverNameOf } from '../../lib/debezium/table-identity';
import { createSchemaTracker } from '../../lib/schema-drift/schema-tracker';
import { createDecodePool, type DecodePool } from './decode-pool';

/**
 * Work done before yielding to the event loop. Batches arrive back to back
 * when a source is behind; without a yield, sockets and HTTP would starve.
 * Each source yields on its own, so a turn of the loop holds a slice of each
 * plus what the clients decode: 20 ms held /api/healthz for 0.2-0.4 s while
 * a restarted server caught up on a long history, on a quiet machine.
 */
const SLICE_MS = 5;
/**
 * Messages accounted between two looks at the clock: a Kafka batch holds up to a
 * fetch's worth (~1,000 events of 1 KB, 10 ms when the code is hot, several times
 * that in a server's first seconds, before the JIT has compiled it).
 */
const STEP_MESSAGES = 64;

/** Batches of one source handed to decode workers and not yet accounted, per worker: enough to keep both sides busy. */
const IN_FLIGHT_PER_WORKER = 2;

export interface Pipeline {
  state: DashboardState;
  /** Where consumer-lag pollers register. */
  lag: LagMonitor;
  /** Replay reads kept events whole (raw text included) and masks them itself. */
  inspector: {
    lookup: (id: string) => StoredEvent | undefined;
    masker: EventMasker;
    /** Outbox event ↔ outbox table row change links, for an event's detail. */
    links: (e: StoredEvent) => OutboxLinks;
  };
  /** Every table with its lag windows as histograms: what this instance publishes in cluster mode (issue #14). */
  partials(now: number): PartialTableStats[];
  /** Decodes and accounts one batch on the calling thread (whatever `ingest.workers` says); for benchmarks and tests. */
  ingest(batch: RawMessage[]): void;
  /** Batches decoded by worker threads so far (`ingest.workers`); 0 without workers. */
  readonly workerBatches: number;
  close(): Promise<void>;
}

/** source → decode → analyse, and the read side the push layer and the API use. */
export function createPipeline({
  config,
  sources,
  metrics,
  decoders = createWireDecoders(config),
  onCounted,
}: {
  config: Config;
  sources: Source[];
  metrics?: Metrics;
  /** Shared with seek, event lookup and replay so a schema is fetched once; made from `config` when not given. */
  decoders?: WireDecoders;
  /** Called after each source batch was accounted (cluster mode: the partitions' counted positions move on). */
  onCounted?: (batch: RawMessage[]) => void;
}): Pipeline {
  const registry = createStatsRegistry({ maxTables: config.limits.maxTables, lag: config.lag });
  // Which replica pair side each connector is, for the Source clocks panel (per side, as the pairs are configured).
  const sides = new Map<string, string>();
  for (const r of config.replicas) {
    if (r.a.serverName !== undefined) sides.set(r.a.serverName, `${r.id} A`);
    if (r.b.serverName !== undefined) sides.set(r.b.serverName, `${r.id} B`);
  }
  const sourceClocks = () =>
    registry.clocks.all(Date.now()).map((c) => {
      const side = sides.get(c.serverName);
      return side === undefined ? c : { ...c, replicaSide: side };
    });
  // All tables' throughput by op for the overview chart: one ring, kept apart so table evictions do not dent it.
  const overall = createOverallThroughput(Date.now());
  const masker = createMasker(config.masking);
  // The inspector's whole records; it masks on the way out, like everything else the state returns.
  const inspector = createEventStore({
    masker,
    perTableCount: config.limits.inspectorEventsPerTable,
    perTableBytes: config.limits.inspectorBytesPerTable,
    globalBytes: config.limits.inspectorBytes,
    replicaSides: new Map(config.replicas.map((r) => [r.id, { a: r.a, b: r.b }])),
    // Changes are kept as raw text and decoded again when read: decoded rows held for minutes cost ingest its GC time.
    decode: (raw) => decoders.decode(raw),
  });
  const replicas = createReplicaTrackers(config.replicas);
  const outbox = createOutboxTally();
  const replays = createReplayTally({ maxTables: config.limits.maxTables });
  const lag = createLagMonitor({ servers: () => registry.servers() });

  // Declared before use in account(); withLagClock is hoisted.
  const transactions = createTransactionsView({
    lookup: (id) => inspector.get(id),
    masker,
    decorate: (item) => withLagClock(item),
  });

  // Each table's columns and types over time (lib/schema-drift), for GET /api/tables/:table/schema: from the Connect
  // or Avro schema a change carries, else its row's JSON types.
  const schemas = createSchemaTracker({ maxTables: config.limits.maxTables });
  const avroSchemaText = (sourceId: string, id: number) => decoders.schemas(sourceId)?.avroSchemaText(id);

  // Snapshot running/completed per connector and table, from each change's source.snapshot (issue #13 §4).
  const snapshots = createSnapshotTracker({ maxTablesPerServer: config.limits.maxTables });

  registry.onEvict((key) => {
    inspector.forget(key);
    metrics?.forgetTable(key);
  });

  function account(rec: DecodedRecord, raw: RawMessage, now: number) {
    // A copy cdcscope replayed, back on a watched topic or subject (issue #10 item 4): counted apart and shown
    // as a replay, never a change of its table, never offered to replica pairing.
    if (rec.headers[PROVENANCE.replayId] !== undefined) {
      replays.count(rec, now);
      inspector.add(rec, raw);
      return;
    }
    const key = tableKeyOf(rec);
    registry.record(rec, now, key);
    if (rec.kind === 'outbox') outbox.count(rec, now);
    replicas.offer(rec, now);
    metrics?.observe(rec, key);
    if (key !== undefined && (rec.kind === 'change' || rec.kind === 'tombstone' || rec.kind === 'undecodable'))
      overall.record(rec, now);
    // One id string for both: the transaction keeps the inspector's, not a copy of its own.
    const id = rec.kind === 'change' ? eventIdOf(rec) : undefined;
    inspector.add(rec, raw, key, id);
    transactions.offer(rec, now, id);
    if (rec.kind === 'change') snapshots.observe(serverNameOf(rec) ?? '', rec.table, rec.source.snapshot, now);
    // Only `after` images: a delete's `before` may hold the key columns alone (PostgreSQL's default replica identity).
    if (key !== undefined && rec.kind === 'change' && rec.after !== null)
      schemas.observeChange(key, rec, now, avroSchemaText);
    else if (rec.kind === 'schema-change') schemas.observeDdl(rec, now);
  }

  // Messages whose schema is being fetched wait there (bounded); everything else is accounted at once.
  const wait = createSchemaWait({ decoders, account });
  const ingest = (batch: RawMessage[]) => wait.ingest(batch);

  const pool: DecodePool | undefined =
    config.ingest.workers > 0 ? createDecodePool({ workers: config.ingest.workers, config }) : undefined;

  /**
   * With decode workers: each batch goes to a worker at once, and is accounted, in arrival order, when its
   * records are back; a few batches are in flight so the workers decode while this thread accounts. A batch
   * the pool could not decode (a worker died) is decoded here.
   */
  async function consumeWithWorkers(source: Source, workers: DecodePool) {
    let accounted: Promise<void> = Promise.resolve();
    const inFlight: Promise<void>[] = [];
    const depth = IN_FLIGHT_PER_WORKER * config.ingest.workers;
    for await (const batch of source.batches()) {
      const decoded = workers.decode(batch).catch(() => undefined);
      accounted = accounted.then(async () => {
        wait.ingest(batch, await decoded);
        onCounted?.(batch);
      });
      inFlight.push(accounted);
      while (inFlight.length >= depth) await inFlight.shift();
    }
    await accounted;
  }

  async function consume(source: Source) {
    if (pool !== undefined) return consumeWithWorkers(source, pool);
    let sliceStart = performance.now();
    for await (const batch of source.batches()) {
      for (let i = 0; i < batch.length; i += STEP_MESSAGES) {
        const step = batch.length <= STEP_MESSAGES ? batch : batch.slice(i, i + STEP_MESSAGES);
        ingest(step);
        onCounted?.(step);
        if (performance.now() - sliceStart > SLICE_MS) {
          await new Promise((r) => setImmediate(r));
          sliceStart = performance.now();
        }
      }
    }
  }

  const running = sources.map((s) =>
    consume(s).catch((err: unknown) => {
      console.error(`cdcscope: source ${s.id} stopped: ${errorMessage(err)}`);
    }),
  );
  // Grace periods and only-in counts move with time, not only with records.
  const ticker = setInterval(() => {
    const now = Date.now();
    replicas.tick(now);
    transactions.tick(now);
  }, 1_000);
  const statusOff = sources.map((s) => s.onStatus((h) => metrics?.setSourceUp(s.id, s.kind, h.status.type === 'live')));
  for (const s of sources) metrics?.setSourceUp(s.id, s.kind, s.status().status.type === 'live');

  function withReplays<T extends { tableKey: string; replays?: number }>(t: T): T {
    const n = replays.get(t.tableKey);
    if (n > 0) t.replays = n;
    return t;
  }

  /** An event's lag is read against its connector's commit clock: say how precise that clock is. */
  function withLagClock<T extends EventListItem>(item: T): T {
    if (item.lagMs === undefined) return item;
    const clock = registry.clocks.resolution(item.serverName);
    if (clock !== undefined) item.lagClock = clock;
    return item;
  }

  /**
   * Whether a change does not fit its table's current shape (schema drift). Read time only (an inspector
   * page, at most 500 items, or one event's detail), never at ingest; only a drifted table's changes are compared.
   */
  function offShape(e: Pick<StoredEvent, 'tableKey' | 'record'>): boolean {
    const rec = e.record;
    if (rec.kind !== 'change' || schemas.get(e.tableKey)?.drift !== true) return false;
    return !schemas.fits(e.tableKey, rec, avroSchemaText);
  }

  /** Flags a listed change that does not fit its table's current shape, as its event in the buffer. */
  function withShapeCheck<T extends EventListItem>(item: T): T {
    if (item.kind !== 'change' || item.tableKey === undefined) return item;
    const kept = inspector.get(item.id);
    if (kept !== undefined && offShape(kept)) item.offShape = true;
    return item;
  }

  const state: DashboardState = {
    sources: () => sourceSummaries(sources, registry, (id) => decoders.registryStatus(id)),
    tables(sinceVersion) {
      const now = Date.now();
      metrics?.setTableCount(registry.size);
      const summaries = registry.summaries(now, sinceVersion);
      if (replays.total > 0) for (const t of summaries.tables) withReplays(t);
      return summaries;
    },
    removedSince: (v) => registry.removedSince(v),
    throughput: (fromSec) => overall.points(Date.now(), fromSec),
    table: (key, fromSec) => {
      const detail = registry.detail(key, Date.now(), fromSec);
      return detail && withReplays(detail);
    },
    outbox: () => ({ ...outbox.summary(), replays: replays.all() }),
    tableVersion: (key) => registry.tableVersion(key),
    // The table page's recent events are the newest of the inspector's buffer, rendered (and masked) on read.
    tableEvents: (key) => {
      const r = inspector.query({ table: key }, undefined, config.limits.recentEventsPerTable);
      return r.ok ? r.value.items.reverse().map(withLagClock) : [];
    },
    events: ({ cursor, limit, ...filter }) => {
      const r = inspector.query(filter, cursor, limit);
      if (r.ok) r.value.items.forEach((item) => withShapeCheck(withLagClock(item)));
      return r;
    },
    event: (id) => {
      const detail = inspector.detail(id);
      return detail && withShapeCheck(withLagClock(detail));
    },
    offShape,
    replicas: () => replicas.summaries(Date.now()).map((p) => maskPairSummary(masker, p)),
    replicaPair: (pairId) => {
      const pair = replicas.pair(pairId, Date.now());
      return pair && maskPairSummary(masker, pair);
    },
    replicasVersion: () => replicas.version(),
    transactions: () => transactions.list(Date.now()),
    transaction: (key) => transactions.detail(key, Date.now()),
    tableSchema: (key) => schemas.get(key),
    driftedTables: () => schemas.drifted(),
    lag: () => ({ ...lag.snapshot(Date.now()), clocks: sourceClocks() }),
    connectorsSeen: () => ({
      tableKeys: registry.tableKeys(),
      liveness: connectorHealthAll(registry.servers(), Date.now()),
      snapshots: snapshots.all(),
    }),
    sourceClocks,
    clockOf: (serverName) => registry.clocks.resolution(serverName),
    replicaSuggestions: () => {
      const configured = new Set(config.replicas.flatMap((r) => [r.a.serverName, r.b.serverName]));
      return suggestReplicaPairs(registry.tableKeys()).filter(
        (s) => !(configured.has(s.serverA) && configured.has(s.serverB)),
      );
    },
  };

  return {
    state,
    lag,
    inspector: { lookup: (id) => inspector.get(id), masker, links: (e) => inspector.links(e) },
    ingest,
    get workerBatches() {
      return pool?.decodedBatches ?? 0;
    },
    partials: (now) => registry.partials(now),
    async close() {
      clearInterval(ticker);
      wait.close();
      await lag.close();
      statusOff.forEach((off) => off());
      await Promise.allSettled(sources.map((s) => s.close()));
      await Promise.allSettled(running);
      await pool?.close();
    },
  };
}
