import type { ReplicaCounts, ReplicaSideCounts, ReplicaTableStats } from '../contracts/replicas';

/** Mutable counters of one table of a pair; `a`/`b` indexed 0/1 as `sides` for the hot path. */
export interface TableCounters {
  table: string;
  version: number;
  sides: [ReplicaSideCounts, ReplicaSideCounts];
  matched: number;
  lateMatches: number;
  divergent: number;
  ignored: number;
  delaySum: number;
  delayCount: number;
}

/** Name of the shared row for tables over the cap. */
export const OVERFLOW_TABLE = '*';

const sideCounts = (): ReplicaSideCounts => ({ unique: 0, duplicates: 0, pending: 0, onlyIn: 0, lost: 0, evicted: 0 });

function newCounters(table: string): TableCounters {
  return {
    table,
    version: 0,
    sides: [sideCounts(), sideCounts()],
    matched: 0,
    lateMatches: 0,
    divergent: 0,
    ignored: 0,
    delaySum: 0,
    delayCount: 0,
  };
}

export interface PairTables {
  /** Index of a table's counters (interned); tables over the cap share the `*` row. */
  index(table: string): number;
  at(index: number): TableCounters;
  /** Marks a table changed: bumps the pair version and stamps the table with it. */
  touch(t: TableCounters): void;
  all(): readonly TableCounters[];
  readonly version: number;
  readonly overflow: boolean;
}

export function createPairTables(maxTables: number): PairTables {
  const byName = new Map<string, number>();
  const list: TableCounters[] = [];
  let overflowIndex = -1;
  let version = 0;
  return {
    index(table) {
      const known = byName.get(table);
      if (known !== undefined) return known;
      if (list.length < maxTables) {
        byName.set(table, list.length);
        list.push(newCounters(table));
        return list.length - 1;
      }
      if (overflowIndex < 0) {
        overflowIndex = list.length;
        list.push(newCounters(OVERFLOW_TABLE));
      }
      return overflowIndex;
    },
    // Indexes only come from `index`, so the fallback is never taken; it keeps the type honest.
    at: (i) => list[i] ?? newCounters(OVERFLOW_TABLE),
    touch(t) {
      t.version = ++version;
    },
    all: () => list,
    get version() {
      return version;
    },
    get overflow() {
      return overflowIndex >= 0;
    },
  };
}

function addSide(into: ReplicaSideCounts, c: ReplicaSideCounts): void {
  into.unique += c.unique;
  into.duplicates += c.duplicates;
  into.pending += c.pending;
  into.onlyIn += c.onlyIn;
  into.lost += c.lost;
  into.evicted += c.evicted;
}

/** A snapshot copy of one table's counters, safe to hand out. */
export function tableStatsOf(t: TableCounters): ReplicaTableStats {
  return {
    table: t.table,
    version: t.version,
    a: { ...t.sides[0] },
    b: { ...t.sides[1] },
    matched: t.matched,
    lateMatches: t.lateMatches,
    divergent: t.divergent,
    ignored: t.ignored,
    delayMeanMs: t.delayCount > 0 ? Math.round(t.delaySum / t.delayCount) : null,
  };
}

/** Sum over all tables, plus records ignored before they had a table row. */
export function totalsOf(tables: readonly TableCounters[], extraIgnored: number): ReplicaCounts {
  const totals: ReplicaCounts = {
    a: sideCounts(),
    b: sideCounts(),
    matched: 0,
    lateMatches: 0,
    divergent: 0,
    ignored: extraIgnored,
  };
  for (const t of tables) {
    addSide(totals.a, t.sides[0]);
    addSide(totals.b, t.sides[1]);
    totals.matched += t.matched;
    totals.lateMatches += t.lateMatches;
    totals.divergent += t.divergent;
    totals.ignored += t.ignored;
  }
  return totals;
}
