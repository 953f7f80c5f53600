/**
 * What the browser pays to check the biggest socket pushes and HTTP answers
 * against their contract schemas (lib/contracts/, zod), beside what it pays
 * anyway to decode the same frame's JSON. Pushes come at most 4×/s per room.
 *
 *   npx tsx bench/wire-checks.ts
 *
 * Shapes as the server sends them at their largest: a full overview of 500
 * tables (60-point sparklines), a table detail with 15 minutes of 1-second
 * throughput and lag points (2 × 900), a replica pair with 20 tables, full
 * lists and its 900-point series, a lag snapshot of 50 consumers with 15
 * minutes of history each. Prints one line per shape, then one JSON line.
 */
import type { z } from 'zod';
import { lagFixture } from '../lib/contracts/fixtures/consumer-lag';
import { replicaPair, replicaTable } from '../lib/contracts/fixtures/replica-pair';
import type { ConsumerLagSnapshot } from '../lib/contracts/lag-api';
import type { ReplicaPairSummary, UnmatchedEvent } from '../lib/contracts/replicas';
import { pushSchemas, type OverviewSnapshot } from '../lib/contracts/socket-events';
import type { SourceSummary } from '../lib/contracts/source-status';
import type { TableDetail, TableSummary } from '../lib/contracts/table-stats';

const T0 = 1_700_000_000_000;
const pct = (v: number) => ({ count: 120, p50: v, p95: v * 2, p99: v * 3, max: v * 4 });
const windows = (v: number) => ({ m1: pct(v), m5: pct(v + 1) });

function summary(i: number): TableSummary {
  return {
    table: `inventory.table_${i}`,
    tableKey: `replica_a.inventory.table_${i}`,
    serverName: 'replica_a',
    version: 1000 + i,
    sourceIds: ['kafka'],
    channels: [`replica_a.inventory.table_${i}`],
    totals: { c: 10 * i, u: 40 * i, d: i, r: 500, t: 0, m: 0 },
    tombstones: i,
    bytes: 1_000_000 + i,
    undecodable: 0,
    snapshotEvents: 500,
    streamingEvents: 51 * i,
    rate: 12.5,
    firstEventAt: T0,
    lastEventAt: T0 + 60_000,
    lag: { capture: windows(12), endToEnd: windows(40) },
    spark: Array.from({ length: 60 }, (_, s) => (s * 7 + i) % 30),
  };
}

const source: SourceSummary = {
  id: 'kafka',
  kind: 'kafka',
  target: 'localhost:9092',
  channels: ['/replica_.*/'],
  status: { type: 'live', since: T0 },
  reconnects: 0,
  messages: 1e6,
  bytes: 1e9,
  undecodable: 3,
  lastMessageAt: T0,
};
const overview: OverviewSnapshot = {
  at: T0,
  full: true,
  sources: [source],
  tables: Array.from({ length: 500 }, (_, i) => summary(i)),
  removed: [],
};

const detail: TableDetail = {
  ...summary(1),
  throughput: Array.from({ length: 900 }, (_, s) => ({
    t: T0 + s * 1000,
    c: 1,
    u: 4,
    d: 0,
    r: 0,
    other: 0,
    bytes: 5_000,
  })),
  lagSeries: Array.from({ length: 900 }, (_, s) => ({
    t: T0 + s * 1000,
    capture: s % 5 === 0 ? null : 12,
    endToEnd: 40,
  })),
};

const unmatched = (side: 'a' | 'b', k: number): UnmatchedEvent => ({
  id: `g|0-1-${4711 + k}|inventory.orders|{"id":${k}}`,
  side,
  table: 'inventory.orders',
  op: 'u',
  key: `{"id":${k}}`,
  position: `p0@${k}`,
  receivedAt: T0 + k,
  state: 'overdue',
  ageMs: 12_000,
});
const pair: ReplicaPairSummary = replicaPair(
  'inventory',
  Array.from({ length: 20 }, (_, t) => replicaTable(`inventory.table_${t}`, 1000 + t)),
  {
    onlyInA: Array.from({ length: 50 }, (_, k) => unmatched('a', k)),
    onlyInB: Array.from({ length: 50 }, (_, k) => unmatched('b', k)),
    divergentPairs: Array.from({ length: 50 }, (_, k) => ({
      id: `g|0-1-${k}|inventory.orders|{"id":${k}}`,
      table: 'inventory.orders',
      key: `{"id":${k}}`,
      detectedAt: T0,
      a: { op: 'u' as const, position: `p0@${k}`, receivedAt: T0 },
      b: { op: 'u' as const, position: `p1@${k}`, receivedAt: T0 + 20 },
      diff: [{ path: ['after', 'status'], kind: 'changed' as const, before: 'paid', after: 'shipped' }],
      diffOmitted: 0,
    })),
    series: Array.from({ length: 900 }, (_, s) => ({
      t: T0 + s * 1000,
      matched: 40,
      delayMeanMs: 20,
      delayMaxMs: 90,
      duplicates: 0,
      divergent: 0,
      onlyInA: 1,
      onlyInB: null,
    })),
  },
);

const oneLag = lagFixture(T0);
const lag: ConsumerLagSnapshot = {
  ...oneLag,
  kafka: Array.from({ length: 50 }, (_, g) => ({
    ...(oneLag.kafka[g % oneLag.kafka.length] as ConsumerLagSnapshot['kafka'][number]),
    id: `kafka:k1:g${g}`,
    group: `g${g}`,
  })),
  history: Object.fromEntries(
    Array.from({ length: 50 }, (_, g) => [
      `kafka:k1:g${g}`,
      Array.from({ length: 900 }, (_, s) => ({ t: T0 + s * 1000, lag: s, timeLagMs: s % 3 === 0 ? null : s * 10 })),
    ]),
  ),
};

/** Best of 5 rounds of mean ms per call over `n` calls (after warm-up): the machine is shared. */
function msPer(n: number, f: () => unknown): number {
  for (let i = 0; i < Math.min(n, 50); i++) f();
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    for (let i = 0; i < n; i++) f();
    best = Math.min(best, (performance.now() - start) / n);
  }
  return best;
}

const result: Record<string, number> = {};
function measure(name: string, schema: z.ZodType, value: unknown, n: number): void {
  const text = JSON.stringify(value);
  if (!schema.safeParse(JSON.parse(text)).success) throw new Error(`${name}: the sample does not fit its schema`);
  const json: unknown = JSON.parse(text);
  const check = msPer(n, () => schema.safeParse(json));
  const decode = msPer(n, () => JSON.parse(text));
  result[`${name}_check_ms`] = Number(check.toFixed(3));
  result[`${name}_json_parse_ms`] = Number(decode.toFixed(3));
  console.log(
    `${name}: ${(text.length / 1024).toFixed(0)} KiB of JSON, zod check ${check.toFixed(3)} ms, JSON.parse ${decode.toFixed(3)} ms`,
  );
}

measure('overview_500_tables', pushSchemas.overview, overview, 200);
measure('table_detail_900s', pushSchemas.table, detail, 500);
measure('replica_pair_900s', pushSchemas['replica-pair'], pair, 500);
measure('lag_50_consumers', pushSchemas.lag, lag, 100);
console.log(JSON.stringify(result));
