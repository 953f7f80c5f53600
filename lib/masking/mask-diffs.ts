import type { FieldDiff } from '../contracts/replicas';
import type { ValueMasker } from './mask-values';

/**
 * Field diffs come from two producers (lib/diff): update diffs, whose
 * `path[0]` is a column (`['meta', 'shipped']`), and copy diffs, whose
 * `path[0]` is `op`, `key`, `before` or `after` and `path[1]` the column
 * (`['after', 'password']`). A table may have a column named `key` or
 * `after`, so a path starting with one of those is read both ways and masked
 * if either reading says so.
 *
 * A masked entry stays in the list (the reader still learns *that* the
 * column differs) with `before`/`after` equal to the replacement. FieldDiff
 * has no "masked" flag (lib/contracts is not ours to change): a UI tells a
 * masked entry by its values being `masker.replacement`. `truncated` and
 * `typeChanged` are dropped from masked entries: they would tell that the
 * secret is over 200 characters, or that it went from null to set.
 */
const COPY_ROOTS = new Set(['key', 'before', 'after']);

function replaced(d: FieldDiff, replacement: string): FieldDiff {
  const sameValues =
    (d.before === undefined || d.before === replacement) && (d.after === undefined || d.after === replacement);
  if (sameValues && d.truncated === undefined && d.typeChanged === undefined) return d;
  const out: FieldDiff = { ...d };
  if (d.before !== undefined) out.before = replacement;
  if (d.after !== undefined) out.after = replacement;
  delete out.truncated;
  delete out.typeChanged;
  return out;
}

function withValues(d: FieldDiff, mask: (v: unknown) => unknown): FieldDiff {
  const before = d.before === undefined ? undefined : mask(d.before);
  const after = d.after === undefined ? undefined : mask(d.after);
  if (before === d.before && after === d.after) return d;
  const out: FieldDiff = { ...d };
  if (before !== undefined) out.before = before;
  if (after !== undefined) out.after = after;
  return out;
}

/** Below the column: masked if a JSON key on the path is, else the values' own JSON is masked. */
function underColumn(v: ValueMasker, d: FieldDiff, from: number): FieldDiff {
  for (let i = from; i < d.path.length; i++) {
    if (v.cache.isMaskedKey(d.path[i] ?? '')) return replaced(d, v.replacement);
  }
  const depth = d.path.length - from + 1;
  return withValues(d, (x) => v.nested(x, depth));
}

export function maskDiff(v: ValueMasker, table: string | undefined, d: FieldDiff): FieldDiff {
  const root = d.path[0];
  // A root-level diff (`diffValues(a, b)` of two scalars) names no column: nothing tells it is safe.
  if (root === undefined) return replaced(d, v.replacement);
  if (v.cache.isMasked(table, root)) return replaced(d, v.replacement);
  if (root === 'op') return d;
  if (!COPY_ROOTS.has(root)) return underColumn(v, d, 1);
  const column = d.path[1];
  // Whole before/after/key: rows (or their cut JSON text).
  if (column === undefined) return withValues(d, (x) => v.rowLike(table, x));
  if (v.cache.isMasked(table, column)) return replaced(d, v.replacement);
  return underColumn(v, d, 2);
}

/** Copy-on-write over the list: the same array back when nothing was masked. */
export function maskDiffList(v: ValueMasker, table: string | undefined, diffs: FieldDiff[]): FieldDiff[] {
  let out: FieldDiff[] | undefined;
  for (let i = 0; i < diffs.length; i++) {
    const d = diffs[i];
    if (d === undefined) continue;
    const m = maskDiff(v, table, d);
    if (m !== d) (out ??= diffs.slice())[i] = m;
  }
  return out ?? diffs;
}

/** What maskDiffs returns when masking itself failed: every value hidden. */
export function replaceAllDiffs(diffs: readonly FieldDiff[], replacement: string): FieldDiff[] {
  const out: FieldDiff[] = [];
  try {
    for (const d of diffs) {
      try {
        out.push(replaced(d, replacement));
      } catch {
        // Not even the entry can be read: say only that something differs.
        out.push({ path: [], kind: 'changed', before: replacement, after: replacement });
      }
    }
  } catch {
    // Not iterable after all: nothing can be shown.
  }
  return out;
}
