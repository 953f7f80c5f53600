/**
 * The storm's verdict on counts: what cdcscope shows (its /api) against the independent
 * count (chaos/truth.ts), per table and measure. Exactly equal or it is a mismatch: no
 * tolerance, since every message is either counted once or it is not.
 */
import type { OpTally, ReplicaTableTruth } from './truth';

/** The part of cdcscope's `GET /api/tables` entry the storm compares. */
export interface ShownTable {
  tableKey: string;
  totals: Partial<Record<string, number>>;
  tombstones: number;
}

export interface CountRow {
  table: string;
  measure: string;
  expected: number;
  shown: number;
  ok: boolean;
}

const OPS = ['c', 'u', 'd', 'r'] as const;

/**
 * One row per table and measure (c, u, d, r, other, tombstones), for every table either
 * side knows of that `inScope` accepts: a table cdcscope never showed compares against 0,
 * and so does one it shows but the topics do not hold.
 */
export function compareTables(
  truth: ReadonlyMap<string, OpTally>,
  shown: readonly ShownTable[],
  inScope: (table: string) => boolean,
): CountRow[] {
  const byKey = new Map(shown.map((t) => [t.tableKey, t]));
  const tables = [...new Set([...truth.keys(), ...byKey.keys()])].filter(inScope).sort();
  const rows: CountRow[] = [];
  for (const table of tables) {
    const t = truth.get(table);
    const s = byKey.get(table);
    const shownOp = (op: string) => s?.totals[op] ?? 0;
    const other = s
      ? Object.entries(s.totals).reduce((n, [op, v]) => n + (OPS.includes(op as never) ? 0 : (v ?? 0)), 0)
      : 0;
    const pairs: [string, number, number][] = [
      ...OPS.map((op): [string, number, number] => [op, t?.[op] ?? 0, shownOp(op)]),
      ['other', t?.other ?? 0, other],
      ['tombstones', t?.tombstones ?? 0, s?.tombstones ?? 0],
    ];
    for (const [measure, expected, got] of pairs)
      rows.push({ table, measure, expected, shown: got, ok: expected === got });
    // Messages the independent reader could not read are a finding in themselves: cdcscope must not have dropped them either.
    if (t && t.unreadable > 0) rows.push({ table, measure: 'unreadable', expected: 0, shown: t.unreadable, ok: false });
  }
  return rows;
}

/** The part of one table of `GET /api/replicas/:pair` the storm compares. */
export interface ShownSide {
  unique: number;
  duplicates: number;
  pending: number;
  onlyIn: number;
  lost: number;
  evicted: number;
}
export interface ShownReplicaTable {
  table: string;
  a: ShownSide;
  b: ShownSide;
  matched: number;
  divergent: number;
}

/**
 * Per replica table: duplicates per side must equal the real repeats (a connector re-sending
 * after a restart shows as duplicates, never as loss), and what cdcscope holds as unmatched on
 * a side (pending + only in + lost + evicted) must equal what really reached only that side:
 * no false "lost", no real loss hidden. Matched counts divergent pairs too (cdcscope's rule), and the
 * divergent ones (same GTID, table and key, other images) must be exactly those the reader found.
 */
export function compareReplicas(truth: readonly ReplicaTableTruth[], shown: readonly ShownReplicaTable[]): CountRow[] {
  const byTable = new Map(shown.map((t) => [t.table, t]));
  const rows: CountRow[] = [];
  const push = (table: string, measure: string, expected: number, got: number) =>
    rows.push({ table, measure, expected, shown: got, ok: expected === got });
  for (const t of truth) {
    const s = byTable.get(t.table);
    for (const side of ['a', 'b'] as const) {
      const x = s?.[side];
      push(t.table, `${side}.duplicates`, t[side].duplicates, x?.duplicates ?? 0);
      push(t.table, `${side}.unmatched`, t[side].onlyHere, x ? x.pending + x.onlyIn + x.lost + x.evicted : 0);
    }
    push(t.table, 'matched', t.matched, s?.matched ?? 0);
    push(t.table, 'divergent', t.divergent, s?.divergent ?? 0);
  }
  return rows;
}
