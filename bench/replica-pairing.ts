/**
 * Replica pairing benchmark: the pair tracker alone (records pre-decoded),
 * on one core.
 *
 *   npx tsx bench/replica-pairing.ts [--events 1000000] [--pending 200000]
 *   node --expose-gc --import tsx bench/replica-pairing.ts   (same; gc is exposed either way)
 *
 * Throughput: a MariaDB replica pair, 20 tables, ~1 KB rows (c/u/d), B
 * delivering every change 1,000–5,000 events after A (a replica lagging
 * 20–100 ms at the simulated 50,000 events/s), 0.5% duplicates, 0.1% of B
 * copies missing, 0.1% divergent; ticked every simulated second. Records are
 * built in chunks outside the timed loop; only `record` and `tick` are timed.
 *
 * Memory: the pending window filled with N unmatched ids (heap + array
 * buffers before and after, with gc), then the same ids matched so they move
 * to the remembered ids. Prints one line per figure, then one JSON line.
 */
import type { ChangeRecord, Row } from '../lib/contracts/change-event';
import { createPairTracker, type PairTracker } from '../lib/replicas/pair-tracker';
import { mariaChange } from '../lib/replicas/fixtures/replica-changes';
import { forceGc, liveBytes } from './heap';
import { sampleRow, T0 } from './sample-row';

export interface ReplicaPairingResult {
  records: number;
  eventsPerSecond: number;
  matched: number;
  duplicates: number;
  divergent: number;
  onlyIn: number;
  pendingIds: number;
  bytesPerPendingId: number;
  bytesPerRememberedId: number;
}

/** Simulated arrival: 20 µs per record (50,000/s), so seconds, grace periods and ticks pass as they would live. */
const SIM_STEP_MS = 0.02;
const TABLES = 20;
const CHUNK = 200_000;
const ROW_POOL = 512;

const rows = Array.from({ length: ROW_POOL }, (_, i) => sampleRow(i, i % 7));
/** Decoded templates per side and table: real decoder output, copied with new positions per event. */
const templates = (['a', 'b'] as const).map((side) =>
  Array.from({ length: TABLES }, (_, t) => mariaChange({ side, table: `shop.table_${t}` })),
);

/** Deterministic 0..1 from an integer (no shared RNG state between chunks). */
const unit = (k: number, salt: number) => (((k * 2654435761 + salt * 40503) >>> 0) % 10_000) / 10_000;

/** Change `k` as side `side` delivers it: its own GTID and key, each server's own binlog coordinates. */
function changeRecord(k: number, side: 0 | 1, now: number): ChangeRecord {
  const t = templates[side]?.[k % TABLES] as ChangeRecord;
  const ops = ['c', 'u', 'u', 'u', 'd'] as const;
  const op = ops[k % ops.length] ?? 'u';
  const before = op === 'c' ? null : (rows[k % ROW_POOL] as Row);
  let after = op === 'd' ? null : (rows[(k + 1) % ROW_POOL] as Row);
  if (side === 1 && after !== null && unit(k, 3) < 0.001) after = rows[(k + 7) % ROW_POOL] as Row;
  const position =
    t.source.position.kind === 'mysql'
      ? { ...t.source.position, gtid: `0-1-${1_000_000 + k}`, pos: 4 + k * 613 }
      : t.source.position;
  return {
    ...t,
    op,
    key: { id: k },
    before,
    after,
    receivedAt: Math.floor(now),
    origin: { kind: 'kafka', topic: 'x', partition: k % 6, offset: String(k), timestamp: Math.floor(now) },
    source: { ...t.source, position },
  };
}

/** The record stream: A in order; B in order too, 1,000–5,000 events behind, some missing, some twice. */
function* stream(total: number): Generator<{ rec: ChangeRecord; side: 0 | 1 }> {
  let a = 0;
  let b = 0;
  let emitted = 0;
  while (emitted < total) {
    const now = T0 + emitted * SIM_STEP_MS;
    yield { rec: changeRecord(a, 0, now), side: 0 };
    a++;
    emitted++;
    const lag = 3_000 + Math.round(2_000 * Math.sin(a / 50_000));
    while (b < a - lag && emitted < total) {
      if (unit(b, 1) >= 0.001) {
        yield { rec: changeRecord(b, 1, now), side: 1 };
        emitted++;
        if (unit(b, 2) < 0.005) {
          yield { rec: changeRecord(b, 1, now), side: 1 };
          emitted++;
        }
      }
      b++;
    }
  }
}

function newTracker(extra: { maxPending?: number; retainCopies?: number } = {}): PairTracker {
  return createPairTracker({
    pairId: 'bench',
    sideA: { serverName: 'replica_a' },
    sideB: { serverName: 'replica_b' },
    ...extra,
  });
}

/** Runs the stream through a tracker; returns the seconds spent inside the tracker. */
function timeTracker(tracker: PairTracker, total: number): number {
  const it = stream(total);
  let spent = 0;
  let done = 0;
  let lastTickSec = Math.floor(T0 / 1000);
  const chunk: { rec: ChangeRecord; side: 0 | 1 }[] = [];
  while (done < total) {
    chunk.length = 0;
    for (let i = 0; i < CHUNK; i++) {
      const n = it.next();
      if (n.done === true) break;
      chunk.push(n.value);
    }
    if (chunk.length === 0) break;
    const started = performance.now();
    for (const { rec, side } of chunk) {
      const now = rec.receivedAt;
      tracker.record(rec, side === 0 ? 'a' : 'b', now);
      const sec = Math.floor(now / 1000);
      if (sec !== lastTickSec) {
        lastTickSec = sec;
        tracker.tick(now);
      }
    }
    spent += (performance.now() - started) / 1000;
    done += chunk.length;
  }
  return spent;
}

/** Heap + array-buffer growth per id after `fill` ran on a fresh tracker. */
function bytesPerId(n: number, tracker: PairTracker, fill: () => void): number {
  tracker.record(changeRecord(10_000_000, 0, T0), 'a', T0);
  forceGc();
  const before = liveBytes();
  fill();
  forceGc();
  return (liveBytes() - before) / n;
}

/** Bytes per pending id with `n` unmatched ids; bytes per remembered id with `n` matched ones. */
function measureMemory(n: number): { pending: number; remembered: number } {
  const waiting = newTracker({ maxPending: n + 1, retainCopies: 0 });
  const pending = bytesPerId(n, waiting, () => {
    for (let k = 0; k < n; k++) waiting.record(changeRecord(k, 0, T0 + k * SIM_STEP_MS), 'a', T0 + k * SIM_STEP_MS);
  });
  if (waiting.pendingSize !== n + 1) throw new Error(`expected ${n + 1} pending, got ${waiting.pendingSize}`);
  const matching = createPairTracker({
    pairId: 'bench',
    sideA: { serverName: 'replica_a' },
    sideB: { serverName: 'replica_b' },
    rememberIds: n + 1,
    retainCopies: 0,
  });
  const remembered = bytesPerId(n, matching, () => {
    for (let k = 0; k < n; k++) {
      const now = T0 + k * SIM_STEP_MS;
      matching.record(changeRecord(k, 0, now), 'a', now);
      matching.record(changeRecord(k, 1, now), 'b', now);
    }
  });
  return { pending, remembered };
}

export function runReplicaPairingBench(
  options: { events?: number; pending?: number; print?: boolean } = {},
): ReplicaPairingResult {
  const events = options.events ?? 1_000_000;
  const pendingIds = options.pending ?? 200_000;
  const log = options.print === false ? () => {} : (s: string) => console.log(s);

  // Memory first, on a clean heap.
  const mem = measureMemory(pendingIds);

  timeTracker(newTracker(), 300_000); // warm-up: JIT settles on every path
  let best = 0;
  let last: PairTracker | undefined;
  for (let run = 0; run < 3; run++) {
    const tracker = newTracker();
    const seconds = timeTracker(tracker, events);
    best = Math.max(best, events / seconds);
    last = tracker;
  }
  const s = (last as PairTracker).snapshot(T0 + events * SIM_STEP_MS);
  const result: ReplicaPairingResult = {
    records: events,
    eventsPerSecond: Math.round(best),
    matched: s.totals.matched,
    duplicates: s.totals.a.duplicates + s.totals.b.duplicates,
    divergent: s.totals.divergent,
    onlyIn: s.totals.a.onlyIn + s.totals.a.lost + s.totals.b.onlyIn + s.totals.b.lost,
    pendingIds,
    bytesPerPendingId: Math.round(mem.pending),
    bytesPerRememberedId: Math.round(mem.remembered),
  };
  log(
    `replica pairing throughput: ${result.eventsPerSecond.toLocaleString('en-US')} records/s on one core (best of 3, ${events.toLocaleString('en-US')} records; target ≥ 100,000/s)`,
  );
  log(
    `  outcome: ${result.matched.toLocaleString('en-US')} matched, ${result.duplicates.toLocaleString('en-US')} duplicates, ${result.divergent} divergent, ${result.onlyIn} only-in/lost (0.1% of B copies missing by design)`,
  );
  log(
    `memory per pending id: ${result.bytesPerPendingId} bytes (${pendingIds.toLocaleString('en-US')} unmatched ids, heap + array buffers; target ≤ 200)`,
  );
  log(`memory per remembered (matched) id: ${result.bytesPerRememberedId} bytes`);
  log(JSON.stringify(result));
  return result;
}

if (process.argv[1]?.endsWith('replica-pairing.ts')) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : undefined;
  };
  runReplicaPairingBench({ events: arg('--events'), pending: arg('--pending') });
}
