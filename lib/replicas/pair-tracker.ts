import { createLagWindow } from '../analytics/lag-window';
import { OPS, type ChangeRecord, type DecodedRecord, type Op } from '../contracts/change-event';
import type { DivergentPair, EventRef, IdentityBasis, ReplicaPairSummary, ReplicaSide, ReplicaSideInfo } from '../contracts/replicas';
import { diffCopies } from '../diff/copy-diff';
import { fingerprintChange } from './content-hash';
import { createCopyRing } from './copy-ring';
import { createEventIdentity, describeIdentity, type EventIdentity } from './event-identity';
import { MAX_OCCURRENCES, resolvePairOptions, type PairTrackerOptions } from './pair-options';
import { createPairSeries } from './pair-series';
import { createPairTables, tableStatsOf, totalsOf, type TableCounters } from './pair-tables';
import { createPendingWindow, OVERDUE } from './pending-window';
import { createRecentLists } from './recent-lists';
import { createRememberedIds, EVICTED, LOST, MATCHED } from './remembered-ids';
import { sideOf } from './side-selector';

/**
 * Replica pairing engine: matches the A and B copies of each change by its
 * identity (event-identity.ts) and counts, per table and for the pair,
 * matches, duplicates, only-in-A/B after the grace period, late matches,
 * losses, evictions and divergent copies, with the delay between copies.
 *
 * Lifecycle of a copy: it waits in the pending window (`pending`); past
 * `graceMs` it is overdue (`onlyIn`); its twin arriving at any point until
 * `maxPendingAgeMs` makes a match (`lateMatches` when overdue); past that
 * age it is given up (`lost`). When the window is full the oldest entry is
 * pushed out (`evicted`), never counted as loss. Ids that leave the window
 * are remembered (bounded) so a later copy is a duplicate or a late match
 * rather than a new unmatched event.
 *
 * Pure: the clock is the `now` passed in; call `tick(now)` about once a
 * second (snapshot ticks too).
 */
export type RecordOutcome = 'pending' | 'matched' | 'late-match' | 'duplicate' | 'ignored';

export interface SnapshotOptions {
  /** Only tables changed after this version (counters and lists are always whole). */
  sinceVersion?: number;
  /** Seconds of the per-second series to include; default 0 (none). */
  seriesSeconds?: number;
}

export interface PairTracker {
  readonly pairId: string;
  sideOf(record: DecodedRecord): ReplicaSide | undefined;
  /** Records a change of either side, found by the selectors; ignores everything else. */
  offer(record: DecodedRecord, now: number): RecordOutcome | undefined;
  record(record: ChangeRecord, side: ReplicaSide, now: number): RecordOutcome;
  tick(now: number): void;
  snapshot(now: number, options?: SnapshotOptions): ReplicaPairSummary;
  readonly version: number;
  readonly pendingSize: number;
  /** Bytes of the fixed structures (columns, series, delay histograms), for the benchmark. */
  footprintBytes(): number;
}

const OP_CODE: Record<Op, number> = { c: 0, u: 1, d: 2, r: 3, t: 4, m: 5 };

export function createPairTracker(options: PairTrackerOptions): PairTracker {
  const o = resolvePairOptions(options);
  const identify = createEventIdentity(o.identity);
  const pending = createPendingWindow(o.maxPending);
  const remembered = createRememberedIds(o.rememberIds);
  const copies = createCopyRing(o.retainCopies);
  const tables = createPairTables(o.maxTables);
  const lists = createRecentLists(o.listSize);
  const series = createPairSeries();
  const delays = createLagWindow();
  const sideInfo: [ReplicaSideInfo, ReplicaSideInfo] = [
    { selector: o.sideA, records: 0, lastSeenAt: null },
    { selector: o.sideB, records: 0, lastSeenAt: null },
  ];
  const basis: Record<IdentityBasis, number> = { gtid: 0, lsn: 0, outbox: 0, fields: 0, header: 0, content: 0 };
  const onlyInNow: [number, number] = [0, 0];
  let ignoredUntabled = 0;

  function positionText(partition: number, offset: number): string {
    return partition >= 0 ? `p${partition}@${offset}` : `#${offset}`;
  }

  function refOf(slot: number): EventRef {
    const c = pending.cols;
    const id = c.ids[slot] ?? '';
    const end = c.keyEnd[slot] ?? 0;
    return {
      id,
      side: c.side[slot] === 0 ? 'a' : 'b',
      table: tables.at(c.table[slot] ?? 0).table,
      op: OPS[c.op[slot] ?? 0] ?? 'c',
      key: id.slice(end - (c.keyLen[slot] ?? 0), end),
      position: positionText(c.partition[slot] ?? -1, c.offset[slot] ?? 0),
      receivedAt: c.at[slot] ?? 0,
    };
  }

  function recordPosition(rec: ChangeRecord): { partition: number; offset: number } {
    const origin = rec.origin;
    return origin.kind === 'kafka' ? { partition: origin.partition, offset: Number(origin.offset) } : { partition: -1, offset: origin.seq };
  }

  function duplicate(t: TableCounters, s: number, now: number): RecordOutcome {
    t.sides[s === 0 ? 0 : 1].duplicates++;
    tables.touch(t);
    series.duplicate(now);
    return 'duplicate';
  }

  function noteMatch(t: TableCounters, delay: number, late: boolean, now: number): void {
    t.matched++;
    if (late) t.lateMatches++;
    t.delaySum += delay;
    t.delayCount++;
    delays.record(delay, now);
    series.match(delay, now);
  }

  function noteDivergence(t: TableCounters, id: string, first: EventRef, firstRecord: ChangeRecord | undefined, rec: ChangeRecord, s: number, now: number): void {
    t.divergent++;
    series.divergent(now);
    const pos = recordPosition(rec);
    const second = { op: rec.op, position: positionText(pos.partition, pos.offset), receivedAt: now };
    const firstRef = { op: first.op, position: first.position, receivedAt: first.receivedAt };
    const [a, b] = s === 0 ? [rec, firstRecord] : [firstRecord, rec];
    const d = a !== undefined && b !== undefined ? diffCopies(a, b) : undefined;
    const pair: DivergentPair = {
      id,
      table: rec.table,
      key: first.key,
      detectedAt: now,
      a: s === 0 ? second : firstRef,
      b: s === 0 ? firstRef : second,
      diff: d?.changes ?? null,
      diffOmitted: d?.omitted ?? 0,
    };
    lists.divergent(pair);
  }

  function matchPending(slot: number, id: string, rec: ChangeRecord, s: number, fp: number, t: TableCounters, now: number): RecordOutcome {
    const c = pending.cols;
    const first = tables.at(c.table[slot] ?? 0);
    const firstSide = first.sides[s === 0 ? 1 : 0];
    const late = c.state[slot] === OVERDUE;
    if (late) {
      firstSide.onlyIn--;
      onlyInNow[s === 0 ? 1 : 0]--;
    } else firstSide.pending--;
    t.sides[s === 0 ? 0 : 1].unique++;
    const firstAt = c.at[slot] ?? now;
    noteMatch(t, Math.max(0, now - firstAt), late, now);
    const firstFp = c.fp[slot] ?? Number.NaN;
    if (firstFp !== fp) noteDivergence(t, id, refOf(slot), copies.get(c.copy[slot] ?? -1, id), rec, s, now);
    const r = remembered.add(id, MATCHED, now);
    if (r >= 0) {
      const rc = remembered.cols;
      rc.fpA[r] = s === 0 ? fp : firstFp;
      rc.fpB[r] = s === 0 ? firstFp : fp;
      rc.firstAt[r] = firstAt;
      rc.table[r] = c.table[slot] ?? 0;
      rc.firstSide[r] = s === 0 ? 1 : 0;
    }
    pending.remove(slot);
    tables.touch(t);
    if (first !== t) tables.touch(first);
    return late ? 'late-match' : 'matched';
  }

  /** The twin of a lost or evicted copy arrived while its id was still remembered. */
  function matchRemembered(r: number, id: string, key: string, rec: ChangeRecord, s: number, fp: number, t: TableCounters, now: number): RecordOutcome {
    const rc = remembered.cols;
    const first = tables.at(rc.table[r] ?? 0);
    const firstSide = first.sides[s === 0 ? 1 : 0];
    if (rc.kind[r] === LOST) firstSide.lost--;
    else if (rc.kind[r] === EVICTED) firstSide.evicted--;
    rc.kind[r] = MATCHED;
    if (s === 0) rc.fpA[r] = fp;
    else rc.fpB[r] = fp;
    t.sides[s === 0 ? 0 : 1].unique++;
    const delay = Math.max(0, now - (rc.firstAt[r] ?? now));
    const late = delay >= o.graceMs;
    noteMatch(t, delay, late, now);
    const firstFp = (s === 0 ? rc.fpB[r] : rc.fpA[r]) ?? Number.NaN;
    if (firstFp !== fp) {
      // The first copy left the window: its op and position are no longer known, nor its content (no diff).
      const firstRef: EventRef = { id, side: s === 0 ? 'b' : 'a', table: first.table, op: rec.op, key, position: '?', receivedAt: rc.firstAt[r] ?? now };
      noteDivergence(t, id, firstRef, undefined, rec, s, now);
    }
    tables.touch(t);
    if (first !== t) tables.touch(first);
    return late ? 'late-match' : 'matched';
  }

  /** Moves a pending entry out as lost (age) or evicted (limit), remembering it for a late twin. */
  function leave(slot: number, kind: typeof LOST | typeof EVICTED, now: number): void {
    const c = pending.cols;
    const s = c.side[slot] === 0 ? 0 : 1;
    const t = tables.at(c.table[slot] ?? 0);
    const ref = refOf(slot);
    if (c.state[slot] === OVERDUE) {
      t.sides[s].onlyIn--;
      onlyInNow[s]--;
    } else t.sides[s].pending--;
    if (kind === LOST) t.sides[s].lost++;
    else t.sides[s].evicted++;
    lists.gone(s, { ...ref, state: kind === LOST ? 'lost' : 'evicted', ageMs: 0 });
    const r = remembered.add(ref.id, kind, now);
    if (r >= 0) {
      const rc = remembered.cols;
      rc.fpA[r] = s === 0 ? (c.fp[slot] ?? Number.NaN) : Number.NaN;
      rc.fpB[r] = s === 1 ? (c.fp[slot] ?? Number.NaN) : Number.NaN;
      rc.firstAt[r] = c.at[slot] ?? now;
      rc.table[r] = c.table[slot] ?? 0;
      rc.firstSide[r] = s;
    }
    pending.remove(slot);
    tables.touch(t);
  }

  function addPending(id: string, ident: EventIdentity, rec: ChangeRecord, s: number, fp: number, ti: number, t: TableCounters, now: number): RecordOutcome {
    if (pending.size >= pending.maxEntries) {
      const oldest = pending.oldest();
      if (oldest >= 0) leave(oldest, EVICTED, now);
    }
    const slot = pending.add(id, now);
    const c = pending.cols;
    const pos = recordPosition(rec);
    c.side[slot] = s;
    c.fp[slot] = fp;
    c.table[slot] = ti;
    c.op[slot] = OP_CODE[rec.op];
    c.partition[slot] = pos.partition;
    c.offset[slot] = pos.offset;
    c.keyEnd[slot] = Math.min(ident.id.length, 0xffff);
    c.keyLen[slot] = ident.id.length <= 0xffff ? ident.key.length : 0;
    c.copy[slot] = copies.keep(id, rec);
    const side = t.sides[s === 0 ? 0 : 1];
    side.unique++;
    side.pending++;
    tables.touch(t);
    return 'pending';
  }

  function record(rec: ChangeRecord, side: ReplicaSide, now: number): RecordOutcome {
    const s = side === 'a' ? 0 : 1;
    const info = sideInfo[s];
    info.records++;
    if (info.lastSeenAt === null || now > info.lastSeenAt) info.lastSeenAt = now;
    if (o.tables !== undefined && !o.tables.has(rec.table)) {
      ignoredUntabled++;
      return 'ignored';
    }
    const ti = tables.index(rec.table);
    const t = tables.at(ti);
    if (o.snapshots === 'ignore' && rec.source.snapshot !== 'false') {
      t.ignored++;
      tables.touch(t);
      return 'ignored';
    }
    const fp = fingerprintChange(rec.table, rec.op, rec.key ?? null, rec.before, rec.after);
    const ident = identify(rec, fp);
    basis[ident.basis]++;
    for (let n = 0; ; n++) {
      const id = n === 0 ? ident.id : `${ident.id}#${n}`;
      const last = !ident.ordinal || n + 1 >= MAX_OCCURRENCES;
      const p = pending.get(id);
      if (p >= 0) {
        const c = pending.cols;
        if (c.side[p] !== s) return matchPending(p, id, rec, s, fp, t, now);
        if (last || c.fp[p] === fp) return duplicate(t, s, now);
        continue;
      }
      const r = remembered.get(id);
      if (r >= 0) {
        const own = (s === 0 ? remembered.cols.fpA[r] : remembered.cols.fpB[r]) ?? Number.NaN;
        if (Number.isNaN(own)) return matchRemembered(r, id, ident.key, rec, s, fp, t, now);
        if (last || own === fp) return duplicate(t, s, now);
        continue;
      }
      return addPending(id, ident, rec, s, fp, ti, t, now);
    }
  }

  function tick(now: number): void {
    pending.markOverdue(now, o.graceMs, (slot) => {
      const c = pending.cols;
      const s = c.side[slot] === 0 ? 0 : 1;
      const t = tables.at(c.table[slot] ?? 0);
      t.sides[s].pending--;
      t.sides[s].onlyIn++;
      onlyInNow[s]++;
      tables.touch(t);
      lists.overdue(s, slot, c.gen[slot] ?? 0);
    });
    for (;;) {
      const slot = pending.oldest();
      if (slot < 0 || now - (pending.cols.at[slot] ?? now) < o.maxPendingAgeMs) break;
      leave(slot, LOST, now);
    }
    remembered.expire(now, o.rememberMs);
    series.gauges(onlyInNow[0] ?? 0, onlyInNow[1] ?? 0, now);
  }

  function readOverdue(side: number) {
    return (slot: number, gen: number): EventRef | undefined => {
      const c = pending.cols;
      if (c.gen[slot] !== gen || c.state[slot] !== OVERDUE || c.side[slot] !== side) return undefined;
      return refOf(slot);
    };
  }

  const resolved = (id: string) => {
    const r = remembered.get(id);
    return r >= 0 && remembered.cols.kind[r] === MATCHED;
  };

  return {
    pairId: o.pairId,
    sideOf: (rec) => sideOf(rec, o.sideA, o.sideB),
    offer(rec, now) {
      if (rec.kind !== 'change') return undefined;
      const side = sideOf(rec, o.sideA, o.sideB);
      return side === undefined ? undefined : record(rec, side, now);
    },
    record,
    tick,
    snapshot(now, opts = {}) {
      tick(now);
      const all = tables.all();
      const since = opts.sinceVersion;
      const totals = totalsOf(all, ignoredUntabled);
      const compared = totals.a.unique + totals.b.unique + totals.a.duplicates + totals.b.duplicates;
      return {
        pairId: o.pairId,
        version: tables.version,
        at: now,
        identity: describeIdentity(o.identity),
        sides: { a: { ...sideInfo[0] }, b: { ...sideInfo[1] } },
        totals,
        unique: totals.a.unique + totals.b.unique - totals.matched,
        duplicateRate: compared === 0 ? 0 : (totals.a.duplicates + totals.b.duplicates) / compared,
        idBasis: { ...basis },
        tables: all.filter((t) => since === undefined || t.version > since).map(tableStatsOf),
        tablesComplete: since === undefined,
        tableOverflow: tables.overflow,
        onlyInA: lists.unmatched(0, now, readOverdue(0), resolved),
        onlyInB: lists.unmatched(1, now, readOverdue(1), resolved),
        divergentPairs: lists.divergentPairs(),
        delay: delays.windows(now),
        series: (opts.seriesSeconds ?? 0) > 0 ? series.points(now, opts.seriesSeconds) : [],
        limits: { graceMs: o.graceMs, maxPending: o.maxPending, maxPendingAgeMs: o.maxPendingAgeMs, rememberIds: o.rememberIds, rememberMs: o.rememberMs },
        pendingNow: pending.size,
      };
    },
    get version() {
      return tables.version;
    },
    get pendingSize() {
      return pending.size;
    },
    footprintBytes: () => pending.columnBytes() + remembered.columnBytes() + series.footprintBytes() + delays.footprintBytes(),
  };
}
