import type { MaskRule } from './rules';

/**
 * Rule lookups memoized per (table, column) and per JSON key: a masker runs
 * on every event, and the same few thousand names come back all the time.
 * Bounded because table and key names come from the data: past the limit the
 * cache is emptied and refills with what is in use (answers never change,
 * only their cost).
 */
export const MAX_CACHED_COLUMNS = 50_000;
export const MAX_CACHED_KEYS = 10_000;

/** Stands for "table unknown" in the cache; no table is named with a NUL. */
const NO_TABLE = '\u0000';

export interface MatcherCache {
  isMasked(table: string | undefined, column: string): boolean;
  /** Keys inside JSON values: only rules that name no table apply. */
  isMaskedKey(key: string): boolean;
  /** Entries held now, for tests. */
  size(): number;
}

export function createMatcherCache(rules: readonly MaskRule[]): MatcherCache {
  const nestedRules = rules.filter((r) => r.nested);
  const byTable = new Map<string, Map<string, boolean>>();
  let columns = 0;
  const keys = new Map<string, boolean>();

  const decide = (table: string | undefined, column: string): boolean => {
    try {
      for (const r of rules) if (r.matchesName(column) && r.matchesTable(table)) return true;
      return false;
    } catch {
      // A rule cannot throw on a string today; if one ever does, masking is the safe answer.
      return true;
    }
  };

  return {
    isMasked(table, column) {
      const tableKey = table ?? NO_TABLE;
      let perTable = byTable.get(tableKey);
      const hit = perTable?.get(column);
      if (hit !== undefined) return hit;
      const masked = decide(table, column);
      if (columns >= MAX_CACHED_COLUMNS) {
        byTable.clear();
        columns = 0;
        perTable = undefined;
      }
      if (perTable === undefined) {
        perTable = new Map();
        byTable.set(tableKey, perTable);
      }
      perTable.set(column, masked);
      columns++;
      return masked;
    },
    isMaskedKey(key) {
      const hit = keys.get(key);
      if (hit !== undefined) return hit;
      let masked: boolean;
      try {
        masked = nestedRules.some((r) => r.matchesName(key));
      } catch {
        masked = true;
      }
      if (keys.size >= MAX_CACHED_KEYS) keys.clear();
      keys.set(key, masked);
      return masked;
    },
    size: () => columns + keys.size,
  };
}
