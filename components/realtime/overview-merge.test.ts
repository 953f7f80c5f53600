import { describe, expect, it } from 'vitest';
import type { OverviewSnapshot } from '@/lib/contracts/socket-events';
import type { TableSummary } from '@/lib/contracts/table-stats';
import { briefOf } from '@/lib/overview/overview-delta';
import { row } from '@/lib/overview/summary-rows.fixture';
import { applyOverviewByKey, applyOverviewPushes, queueOverviewPush } from './overview-merge';

const t = (tableKey: string, rate: number) =>
  ({ table: tableKey.split('.').slice(1).join('.'), tableKey, rate }) as TableSummary;
const snap = (full: boolean, tables: TableSummary[], removed: string[] = []): OverviewSnapshot => ({
  at: 1,
  full,
  sources: [],
  tables,
  removed,
});
const rows = (s: OverviewSnapshot) => s.tables.map((x) => [x.tableKey, x.rate]);

describe('applyOverviewByKey', () => {
  it('keeps two servers’ copies of a table apart and applies deltas by key', () => {
    const a = applyOverviewByKey(undefined, snap(true, [t('ra.inv.c', 1), t('rb.inv.c', 2)]));
    const b = applyOverviewByKey(a, snap(false, [t('rb.inv.c', 5), t('pg.inv.o', 1)], ['ra.inv.c']));
    expect(rows(b)).toEqual([
      ['rb.inv.c', 5],
      ['pg.inv.o', 1],
    ]);
    expect(b.full).toBe(true);
  });

  it('keeps the identity of unchanged rows', () => {
    const x = t('ra.inv.c', 1);
    const a = applyOverviewByKey(undefined, snap(true, [x, t('rb.inv.c', 2)]));
    const b = applyOverviewByKey(a, snap(false, [t('rb.inv.c', 3)]));
    expect(b.tables[0]).toBe(x);
  });
});

describe('queueOverviewPush', () => {
  it('applies queued deltas in order, as one by one', () => {
    const base = applyOverviewByKey(undefined, snap(true, [t('a.x.1', 0), t('a.x.2', 0), t('a.x.3', 0)]));
    const d1 = snap(false, [t('a.x.1', 1)], ['a.x.3']);
    const d2 = snap(false, [t('a.x.2', 2), t('a.x.3', 9)], ['a.x.1']);
    const oneByOne = applyOverviewByKey(applyOverviewByKey(base, d1), d2);
    const queued = applyOverviewPushes(base, queueOverviewPush(queueOverviewPush([], d1), d2));
    expect(rows(queued).sort()).toEqual(rows(oneByOne).sort());
  });

  it('a full push wins over anything pending', () => {
    const f = snap(true, [t('a.x.9', 1)]);
    expect(queueOverviewPush([snap(false, [t('a.x.1', 1)])], f)).toEqual([f]);
  });
});

describe('briefs (changed tables the client does not show)', () => {
  const full = applyOverviewByKey(undefined, snap(true, [row('s.a', 1), row('s.b', 2)]));
  const delta = (tables: TableSummary[], brief: TableSummary[], seq = 1): OverviewSnapshot => ({
    ...snap(false, tables),
    seq,
    brief: brief.map(briefOf),
  });

  it('patch the cached row and ignore tables the cache does not hold', () => {
    const next = applyOverviewByKey(full, delta([], [row('s.a', 9), row('s.zz', 4)]));
    expect(next.tables.map((x) => [x.tableKey, x.rate])).toEqual([
      ['s.a', 9],
      ['s.b', 2],
    ]);
    expect(next.tables[0]?.totals).toEqual({ c: 1 });
  });

  it('apply in order with whole rows, the newer push winning', () => {
    // A brief after a whole row patches that row; a whole row after a brief replaces it.
    const ab = [delta([row('s.a', 3)], []), delta([], [row('s.a', 8)], 2)];
    expect(applyOverviewPushes(full, ab).tables[0]?.rate).toBe(8);
    expect(applyOverviewPushes(full, ab).tables[0]?.totals).toEqual({ c: 3 });
    const ba = [delta([], [row('s.a', 8)]), delta([row('s.a', 3)], [], 2)];
    expect(applyOverviewPushes(full, ba).tables[0]?.rate).toBe(3);
    const bb = [delta([], [row('s.b', 8)]), delta([], [row('s.b', 6)], 2)];
    expect(applyOverviewPushes(full, bb).tables[1]?.rate).toBe(6);
  });
});

describe('rows that may be wrong after a lost delta or a brief (staleRows)', () => {
  const numbered = (seq: number, tables: TableSummary[], extra: Partial<OverviewSnapshot> = {}): OverviewSnapshot => ({
    ...snap(false, tables),
    seq,
    ...extra,
  });
  const base = applyOverviewByKey(undefined, { ...snap(true, [row('s.a', 1), row('s.b', 2)]), seq: 5 });

  it('none after a full push or deltas in sequence', () => {
    expect([...base.staleRows]).toEqual([]);
    const next = applyOverviewPushes(base, [numbered(6, [row('s.a', 3)]), numbered(7, [])]);
    expect([...next.staleRows]).toEqual([]);
    expect(next.seq).toBe(7);
  });

  it('a skipped number marks every held row, a whole row clears its own, the resync clears the rest', () => {
    const gap = applyOverviewByKey(base, numbered(7, [row('s.a', 3)]));
    expect([...gap.staleRows]).toEqual(['s.b']);
    // Pushes that are not deltas (rows scrolled into view) do not move the number and clear what they carry.
    const shown = applyOverviewByKey(gap, snap(false, [row('s.b', 4)]));
    expect([...shown.staleRows]).toEqual([]);
    expect(shown.seq).toBe(7);
    const again = applyOverviewByKey(applyOverviewByKey(base, numbered(7, [])), {
      ...snap(true, [row('s.a', 3)]),
      seq: 7,
      brief: [briefOf(row('s.b', 2))],
    });
    // The resync sends the drawn row whole and briefs the other, whose cached figures are only partly current.
    expect([...again.staleRows]).toEqual(['s.b']);
  });

  it('a briefed row is marked until it comes whole; an unchanged set keeps its identity', () => {
    const briefed = applyOverviewByKey(base, numbered(6, [], { brief: [briefOf(row('s.b', 9))] }));
    expect([...briefed.staleRows]).toEqual(['s.b']);
    const quiet = applyOverviewByKey(briefed, numbered(7, [row('s.a', 2)]));
    expect(quiet.staleRows).toBe(briefed.staleRows);
    expect([...applyOverviewByKey(quiet, numbered(8, [row('s.b', 9)])).staleRows]).toEqual([]);
  });
});
