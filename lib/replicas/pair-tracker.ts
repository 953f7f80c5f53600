import type { ChangeRecord, DecodedRecord } from '../contracts/change-event';
import type { EventRef, ReplicaPairSummary, ReplicaSide } from '../contracts/replicas';
import { fingerprintChange } from './content-hash';
import { createEventIdentity, describeIdentity } from './event-identity';
import {
  addPending,
  duplicate,
  leave,
  matchPending,
  matchRemembered,
  pairAtGrace,
  type RecordOutcome,
} from './pair-accounting';
import { MAX_OCCURRENCES, resolvePairOptions, type PairTrackerOptions } from './pair-options';
import { createPairState, refOf } from './pair-state';
import { tableStatsOf, totalsOf } from './pair-tables';
import { OVERDUE } from './pending-window';
import { LOST, MATCHED } from './remembered-ids';
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
export type { RecordOutcome };

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

export function createPairTracker(options: PairTrackerOptions): PairTracker {
  const o = resolvePairOptions(options);
  const identify = createEventIdentity(o.identity);
  const st = createPairState(o);
  const { pending, remembered, tables, lists, series, delays, sideInfo, basis, onlyInNow } = st;

  function record(rec: ChangeRecord, side: ReplicaSide, now: number): RecordOutcome {
    const s = side === 'a' ? 0 : 1;
    const info = sideInfo[s];
    info.records++;
    if (info.lastSeenAt === null || now > info.lastSeenAt) info.lastSeenAt = now;
    if (o.tables !== undefined && !o.tables.has(rec.table)) {
      st.ignoredUntabled++;
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
    // Occurrence search: ordinal ids take the first `#n` of this base that is free on this side; an
    // existing entry of the other side matches only with equal content (else it may be a later
    // occurrence delivered first: divergent copies are paired at the grace period, pairAtGrace).
    for (let n = 0; n < MAX_OCCURRENCES; n++) {
      const id = n === 0 ? ident.id : `${ident.id}#${n}`;
      const p = pending.get(id);
      if (p >= 0) {
        const same = pending.cols.fp[p] === fp;
        if (same || !ident.ordinal)
          return pending.cols.side[p] !== s ? matchPending(st, p, id, rec, s, fp, t, now) : duplicate(st, t, s, now);
        continue;
      }
      const r = remembered.get(id);
      if (r >= 0) {
        const own = (s === 0 ? remembered.cols.fpA[r] : remembered.cols.fpB[r]) ?? Number.NaN;
        if (!Number.isNaN(own)) {
          if (own === fp || !ident.ordinal) return duplicate(st, t, s, now);
          continue;
        }
        const other = (s === 0 ? remembered.cols.fpB[r] : remembered.cols.fpA[r]) ?? Number.NaN;
        if (other === fp || !ident.ordinal) return matchRemembered(st, r, id, ident.key, rec, s, fp, t, now);
        continue;
      }
      return addPending(st, id, ident, rec, s, fp, ti, t, now);
    }
    // More distinct changes of one (GTID, table, key) than MAX_OCCURRENCES: counted as a duplicate rather than kept.
    return duplicate(st, t, s, now);
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
      if (c.ordinal[slot] === 1 && pairAtGrace(st, slot, now)) return;
      lists.overdue(s, slot, c.gen[slot] ?? 0);
    });
    for (;;) {
      const slot = pending.oldest();
      if (slot < 0 || now - (pending.cols.at[slot] ?? now) < o.maxPendingAgeMs) break;
      leave(st, slot, LOST, now);
    }
    remembered.expire(now, o.rememberMs);
    series.gauges(onlyInNow[0], onlyInNow[1], now);
  }

  /** Reads a noted overdue entry back, if it is still that entry and still overdue. */
  const readOverdue =
    (side: number) =>
    (slot: number, gen: number): EventRef | undefined => {
      const c = pending.cols;
      if (c.gen[slot] !== gen || c.state[slot] !== OVERDUE || c.side[slot] !== side) return undefined;
      return refOf(st, slot);
    };

  /** A lost or evicted id whose twin arrived since. */
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
      const totals = totalsOf(all, st.ignoredUntabled);
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
        limits: {
          graceMs: o.graceMs,
          maxPending: o.maxPending,
          maxPendingAgeMs: o.maxPendingAgeMs,
          rememberIds: o.rememberIds,
          rememberMs: o.rememberMs,
        },
        pendingNow: pending.size,
      };
    },
    get version() {
      return tables.version;
    },
    get pendingSize() {
      return pending.size;
    },
    footprintBytes: () =>
      pending.columnBytes() + remembered.columnBytes() + series.footprintBytes() + delays.footprintBytes(),
  };
}
