import type { ChangeRecord, Op } from '../contracts/change-event';
import type { DivergentPair, EventRef } from '../contracts/replicas';
import { diffCopies } from '../diff/copy-diff';
import type { EventIdentity } from './event-identity';
import type { TableCounters } from './pair-tables';
import { positionText, recordPosition, refOf, type PairState } from './pair-state';
import { MAX_OCCURRENCES } from './pair-options';
import { OVERDUE } from './pending-window';
import { EVICTED, LOST, MATCHED } from './remembered-ids';

/**
 * What happens to the counters when a copy arrives or leaves: each function
 * keeps every copy counted in exactly one of pending, onlyIn, matched, lost
 * or evicted of its side, and marks the tables it changed. `s` is the side
 * of the arriving copy: 0 = A, 1 = B.
 */
export type RecordOutcome = 'pending' | 'matched' | 'late-match' | 'duplicate' | 'ignored';

const OP_CODE: Record<Op, number> = { c: 0, u: 1, d: 2, r: 3, t: 4, m: 5 };

export function duplicate(st: PairState, t: TableCounters, s: 0 | 1, now: number): RecordOutcome {
  t.sides[s].duplicates++;
  st.tables.touch(t);
  st.series.duplicate(now);
  return 'duplicate';
}

function noteMatch(st: PairState, t: TableCounters, delay: number, late: boolean, now: number): void {
  t.matched++;
  if (late) t.lateMatches++;
  t.delaySum += delay;
  t.delayCount++;
  st.delays.record(delay, now);
  st.series.match(delay, now);
}

type CopyRef = Pick<EventRef, 'op' | 'position' | 'receivedAt'>;

/** Lists a divergent pair; the diff needs both records, which the copy ring may still hold. */
function noteDivergence(
  st: PairState,
  t: TableCounters,
  id: string,
  key: string,
  a: CopyRef,
  b: CopyRef,
  aRec: ChangeRecord | undefined,
  bRec: ChangeRecord | undefined,
  now: number,
): void {
  t.divergent++;
  st.series.divergent(now);
  const d = aRec !== undefined && bRec !== undefined ? diffCopies(aRec, bRec) : undefined;
  const pair: DivergentPair = {
    id,
    table: t.table,
    key,
    detectedAt: now,
    a,
    b,
    diff: d?.changes ?? null,
    diffOmitted: d?.omitted ?? 0,
  };
  st.lists.divergent(pair);
}

function arrivingRef(rec: ChangeRecord, now: number): CopyRef {
  const pos = recordPosition(rec);
  return { op: rec.op, position: positionText(pos.partition, pos.offset), receivedAt: now };
}

function rememberMatch(
  st: PairState,
  id: string,
  fpA: number,
  fpB: number,
  firstAt: number,
  table: number,
  firstSide: 0 | 1,
  now: number,
): void {
  const r = st.remembered.add(id, MATCHED, now);
  if (r < 0) return;
  const rc = st.remembered.cols;
  rc.fpA[r] = fpA;
  rc.fpB[r] = fpB;
  rc.firstAt[r] = firstAt;
  rc.table[r] = table;
  rc.firstSide[r] = firstSide;
}

/** Takes a pending entry out of its side's pending or onlyIn count. */
function unwait(st: PairState, slot: number): void {
  const c = st.pending.cols;
  const s = c.side[slot] === 0 ? 0 : 1;
  const t = st.tables.at(c.table[slot] ?? 0);
  if (c.state[slot] === OVERDUE) {
    t.sides[s].onlyIn--;
    st.onlyInNow[s]--;
  } else t.sides[s].pending--;
  st.tables.touch(t);
}

/** The twin of a pending copy arrived (same content, or any content for exact ids). */
export function matchPending(
  st: PairState,
  slot: number,
  id: string,
  rec: ChangeRecord,
  s: 0 | 1,
  fp: number,
  t: TableCounters,
  now: number,
): RecordOutcome {
  const c = st.pending.cols;
  const other = s === 0 ? 1 : 0;
  const late = c.state[slot] === OVERDUE;
  unwait(st, slot);
  t.sides[s].unique++;
  const firstAt = c.at[slot] ?? now;
  noteMatch(st, t, Math.max(0, now - firstAt), late, now);
  const firstFp = c.fp[slot] ?? Number.NaN;
  if (firstFp !== fp) {
    const first = refOf(st, slot);
    const firstRec = st.copies.get(c.copy[slot] ?? -1, id);
    const mine = arrivingRef(rec, now);
    if (s === 0) noteDivergence(st, t, id, first.key, mine, first, rec, firstRec, now);
    else noteDivergence(st, t, id, first.key, first, mine, firstRec, rec, now);
  }
  rememberMatch(st, id, s === 0 ? fp : firstFp, s === 0 ? firstFp : fp, firstAt, c.table[slot] ?? 0, other, now);
  st.pending.remove(slot);
  st.tables.touch(t);
  return late ? 'late-match' : 'matched';
}

/**
 * Divergent copies of an occurrence-numbered event (GTID ids): both wait
 * under different `#n`, because a copy with other content may equally be a
 * later occurrence delivered first. When one of them passes the grace period
 * without an exact twin, it is paired with the other side's pending copy of
 * the same base (lowest `#n`) as divergent. Returns whether it was paired.
 */
export function pairAtGrace(st: PairState, slot: number, now: number): boolean {
  const c = st.pending.cols;
  const id = c.ids[slot] ?? '';
  const base = id.slice(0, c.keyEnd[slot] ?? 0);
  const side = c.side[slot];
  for (let n = 0; n < MAX_OCCURRENCES; n++) {
    const candidate = n === 0 ? base : `${base}#${n}`;
    const y = st.pending.get(candidate);
    if (y < 0) {
      if (st.remembered.get(candidate) < 0) return false;
      continue;
    }
    if (y === slot || c.side[y] === side) continue;
    const [a, b] = side === 0 ? [slot, y] : [y, slot];
    const t = st.tables.at(c.table[slot] ?? 0);
    // Late when the other copy had already been reported only-in.
    const late = c.state[y] === OVERDUE;
    const atA = c.at[a] ?? now;
    const atB = c.at[b] ?? now;
    const aRef = refOf(st, a);
    const bRef = refOf(st, b);
    unwait(st, a);
    unwait(st, b);
    noteMatch(st, t, Math.abs(atB - atA), late, now);
    noteDivergence(
      st,
      t,
      aRef.id,
      aRef.key,
      aRef,
      bRef,
      st.copies.get(c.copy[a] ?? -1, aRef.id),
      st.copies.get(c.copy[b] ?? -1, bRef.id),
      now,
    );
    const fpA = c.fp[a] ?? Number.NaN;
    const fpB = c.fp[b] ?? Number.NaN;
    const firstSide = atA <= atB ? 0 : 1;
    rememberMatch(st, aRef.id, fpA, fpB, Math.min(atA, atB), c.table[a] ?? 0, firstSide, now);
    rememberMatch(st, bRef.id, fpA, fpB, Math.min(atA, atB), c.table[b] ?? 0, firstSide, now);
    st.pending.remove(a);
    st.pending.remove(b);
    st.tables.touch(t);
    return true;
  }
  return false;
}

/** The twin of a lost or evicted copy arrived while its id was still remembered: the loss or eviction is taken back. */
export function matchRemembered(
  st: PairState,
  r: number,
  id: string,
  key: string,
  rec: ChangeRecord,
  s: 0 | 1,
  fp: number,
  t: TableCounters,
  now: number,
): RecordOutcome {
  const rc = st.remembered.cols;
  const first = st.tables.at(rc.table[r] ?? 0);
  const firstSide = first.sides[s === 0 ? 1 : 0];
  if (rc.kind[r] === LOST) firstSide.lost--;
  else if (rc.kind[r] === EVICTED) firstSide.evicted--;
  rc.kind[r] = MATCHED;
  if (s === 0) rc.fpA[r] = fp;
  else rc.fpB[r] = fp;
  t.sides[s].unique++;
  const delay = Math.max(0, now - (rc.firstAt[r] ?? now));
  const late = delay >= st.o.graceMs;
  noteMatch(st, t, delay, late, now);
  const firstFp = (s === 0 ? rc.fpB[r] : rc.fpA[r]) ?? Number.NaN;
  if (firstFp !== fp) {
    // The first copy left the window: its op and position are no longer known, nor its content (no diff).
    const firstRef: CopyRef = { op: rec.op, position: '?', receivedAt: rc.firstAt[r] ?? now };
    const mine = arrivingRef(rec, now);
    noteDivergence(st, t, id, key, s === 0 ? mine : firstRef, s === 0 ? firstRef : mine, undefined, undefined, now);
  }
  st.tables.touch(t);
  if (first !== t) st.tables.touch(first);
  return late ? 'late-match' : 'matched';
}

/** Moves a pending entry out as lost (age) or evicted (limit), remembering it for a late twin. */
export function leave(st: PairState, slot: number, kind: typeof LOST | typeof EVICTED, now: number): void {
  const c = st.pending.cols;
  const s = c.side[slot] === 0 ? 0 : 1;
  const t = st.tables.at(c.table[slot] ?? 0);
  const ref = refOf(st, slot);
  if (c.state[slot] === OVERDUE) {
    t.sides[s].onlyIn--;
    st.onlyInNow[s]--;
  } else t.sides[s].pending--;
  if (kind === LOST) t.sides[s].lost++;
  else t.sides[s].evicted++;
  st.lists.gone(s, { ...ref, state: kind === LOST ? 'lost' : 'evicted', ageMs: 0 });
  const r = st.remembered.add(ref.id, kind, now);
  if (r >= 0) {
    const rc = st.remembered.cols;
    rc.fpA[r] = s === 0 ? (c.fp[slot] ?? Number.NaN) : Number.NaN;
    rc.fpB[r] = s === 1 ? (c.fp[slot] ?? Number.NaN) : Number.NaN;
    rc.firstAt[r] = c.at[slot] ?? now;
    rc.table[r] = c.table[slot] ?? 0;
    rc.firstSide[r] = s;
  }
  st.pending.remove(slot);
  st.tables.touch(t);
}

/** A first copy: it waits for its twin (pushing the oldest entry out when the window is full). */
export function addPending(
  st: PairState,
  id: string,
  ident: EventIdentity,
  rec: ChangeRecord,
  s: 0 | 1,
  fp: number,
  ti: number,
  t: TableCounters,
  now: number,
): RecordOutcome {
  if (st.pending.size >= st.pending.maxEntries) {
    const oldest = st.pending.oldest();
    if (oldest >= 0) leave(st, oldest, EVICTED, now);
  }
  const slot = st.pending.add(id, now);
  const c = st.pending.cols;
  c.ordinal[slot] = ident.ordinal ? 1 : 0;
  const pos = recordPosition(rec);
  c.side[slot] = s;
  c.fp[slot] = fp;
  c.table[slot] = ti;
  c.op[slot] = OP_CODE[rec.op];
  c.partition[slot] = pos.partition;
  c.offset[slot] = pos.offset;
  // The key is the id's tail before any `#n`: its end and length locate it (ids over 64K characters show no key).
  c.keyEnd[slot] = Math.min(ident.id.length, 0xffff);
  c.keyLen[slot] = ident.id.length <= 0xffff ? ident.key.length : 0;
  c.copy[slot] = st.copies.keep(id, rec);
  t.sides[s].unique++;
  t.sides[s].pending++;
  st.tables.touch(t);
  return 'pending';
}
