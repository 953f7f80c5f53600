import type { Row } from '../contracts/change-event';
import { hasMaskedKey, looksLikeJson, maskJsonText, MAX_JSON_DEPTH, type KeyTest } from './json-text';
import type { MatcherCache } from './matcher-cache';

/**
 * Value-level masking shared by rows, keys, diffs and texts. Everything is
 * copy-on-write: an input with nothing to mask comes back as the same
 * object, so callers can tell "unchanged" with `===` and the common case
 * allocates nothing.
 */
export interface ValueMasker {
  readonly replacement: string;
  /** JSON spelling of the replacement, for splicing into JSON text. */
  readonly replacementToken: string;
  readonly cache: MatcherCache;
  /** A column's value: the replacement when the column is masked, else its masked JSON content. */
  field(table: string | undefined, column: string, value: unknown): unknown;
  row(table: string | undefined, row: Row): Row;
  /** Anything standing for a whole row: an object, or (cut) JSON text of one; scalars pass. */
  rowLike(table: string | undefined, value: unknown): unknown;
  /** JSON values and JSON text inside a column: keys matching name rules are masked. */
  nested(value: unknown, depth: number): unknown;
  /** Key tests for maskJsonText: top-level keys as columns of `table`, deeper ones as JSON keys. */
  rowKeys(table: string | undefined): KeyTest;
}

/** Sets an own property even when it is named `__proto__` (JSON.parse makes such rows). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  else target[key] = value;
}

export function createValueMasker(cache: MatcherCache, replacement: string, hasNestedRules: boolean): ValueMasker {
  const replacementToken = JSON.stringify(replacement);
  const nestedKeys = (key: string): boolean => cache.isMaskedKey(key);

  function jsonString(text: string, depth: number, keys: KeyTest, anyKey: (key: string) => boolean): string {
    if (!looksLikeJson(text)) return text;
    const scanned = maskJsonText(text, keys, replacementToken, { depthOffset: depth });
    // Not JSON after all (free text starting with a brace), or too deep: replace it only if it shows a masked key.
    if (scanned === undefined) return hasMaskedKey(text, anyKey) ? replacement : text;
    return scanned.text === text ? text : scanned.text;
  }

  function nested(value: unknown, depth: number): unknown {
    if (!hasNestedRules) return value;
    if (typeof value === 'string') return jsonString(value, depth, nestedKeys, nestedKeys);
    if (typeof value !== 'object' || value === null) return value;
    // Deeper than any real document: give up walking and hide it rather than leak what lies below.
    if (depth >= MAX_JSON_DEPTH) return replacement;
    if (Array.isArray(value)) {
      let out: unknown[] | undefined;
      for (let i = 0; i < value.length; i++) {
        const v: unknown = value[i];
        const m = nested(v, depth + 1);
        if (m !== v) (out ??= value.slice())[i] = m;
      }
      return out ?? value;
    }
    const obj = value as Record<string, unknown>;
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      const m = cache.isMaskedKey(key) ? replacement : nested(v, depth + 1);
      if (m !== v) setOwn((out ??= { ...obj }), key, m);
    }
    return out ?? value;
  }

  function field(table: string | undefined, column: string, value: unknown): unknown {
    if (cache.isMasked(table, column)) return replacement;
    return nested(value, 1);
  }

  function row(table: string | undefined, input: Row): Row {
    let out: Row | undefined;
    for (const column of Object.keys(input)) {
      const v = input[column];
      const m = field(table, column, v);
      if (m !== v) setOwn((out ??= { ...input }), column, m);
    }
    return out ?? input;
  }

  const rowKeys =
    (table: string | undefined): KeyTest =>
    (key, depth) =>
      depth <= 1 ? cache.isMasked(table, key) : cache.isMaskedKey(key);

  function rowLike(table: string | undefined, value: unknown): unknown {
    if (typeof value === 'string') return jsonString(value, 0, rowKeys(table), (k) => cache.isMasked(table, k));
    if (typeof value !== 'object' || value === null) return value;
    if (Array.isArray(value)) return nested(value, 1);
    return row(table, value as Row);
  }

  return { replacement, replacementToken, cache, field, row, rowLike, nested, rowKeys };
}
