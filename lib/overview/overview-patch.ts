import type { TablePatch } from '../contracts/socket-events';
import type { TableSummary } from '../contracts/table-stats';

/**
 * Field-level changes of an overview row the client already holds whole
 * (issue #12): only the fields that changed (nested objects such as `lag`
 * diffed field by field, other values replaced), and the 60 s sparkline as
 * the seconds it shifted by plus its new points, not the whole series.
 */

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep equality of JSON values (rows are JSON: they cross the socket). */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => same(x, bb[i]));
  }
  const ka = Object.keys(a as Plain).filter((k) => (a as Plain)[k] !== undefined);
  const kb = Object.keys(b as Plain).filter((k) => (b as Plain)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Plain)[k], (b as Plain)[k]));
}

/** Changed fields of `b` against `a`, recursing into plain objects; dropped fields go to `unset` as paths. */
function diffObject(a: Plain, b: Plain, path: string, unset: string[]): Plain | undefined {
  let out: Plain | undefined;
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined) continue;
    const old = a[k];
    if (same(old, v)) continue;
    if (isPlain(old) && isPlain(v)) {
      const inner = diffObject(old, v, `${path}${k}.`, unset);
      if (inner) (out ??= {})[k] = inner;
    } else (out ??= {})[k] = v;
  }
  for (const [k, v] of Object.entries(a)) if (v !== undefined && b[k] === undefined) unset.push(`${path}${k}`);
  return out;
}

/** How far a sparkline may have shifted between two pushes that are tried (a beat is ~1 s; a stalled one a few). */
const MAX_SHIFT = 8;

/**
 * `next` as `[drop, keep, ...add]`: `old.slice(drop, drop + keep)` then
 * `add`, choosing the shift that sends the fewest points; undefined when the
 * series is unchanged. The last point of `old` may be a second still filling,
 * so it need not be kept.
 */
export function sparkDiff(old: readonly number[], next: readonly number[]): number[] | undefined {
  if (same(old, next)) return undefined;
  let best: number[] = [0, 0, ...next];
  for (let drop = 0; drop <= Math.min(MAX_SHIFT, old.length); drop++) {
    let keep = 0;
    while (keep < next.length && drop + keep < old.length && old[drop + keep] === next[keep]) keep++;
    if (next.length - keep < best.length - 2) best = [drop, keep, ...next.slice(keep)];
  }
  return best;
}

export function applySpark(old: readonly number[], patch: readonly number[]): number[] {
  const [drop = 0, keep = 0, ...add] = patch;
  return old.slice(drop, drop + keep).concat(add);
}

/** The patch that turns `a` into `b` (same table), or undefined when nothing changed. */
export function diffRow(a: TableSummary, b: TableSummary): TablePatch | undefined {
  const unset: string[] = [];
  const { spark: sa, ...restA } = a;
  const { spark: sb, ...restB } = b;
  const set = diffObject(restA, restB, '', unset);
  const spark = sparkDiff(sa, sb);
  if (!set && !spark && !unset.length) return undefined;
  return {
    tableKey: b.tableKey,
    ...(set ? { set } : {}),
    ...(unset.length ? { unset } : {}),
    ...(spark ? { spark } : {}),
  };
}

function merge(a: Plain, set: Plain): Plain {
  const out: Plain = { ...a };
  for (const [k, v] of Object.entries(set)) out[k] = isPlain(v) && isPlain(a[k]) ? merge(a[k], v) : v;
  return out;
}

function unsetPath(o: Plain, parts: string[]): Plain {
  const [head, ...rest] = parts;
  if (head === undefined || !(head in o)) return o;
  if (!rest.length) return Object.fromEntries(Object.entries(o).filter(([k]) => k !== head));
  const inner = o[head];
  return isPlain(inner) ? { ...o, [head]: unsetPath(inner, rest) } : o;
}

/** Applies a patch from `diffRow(row, next)` to `row`: the result equals `next`. */
export function applyPatch(row: TableSummary, p: TablePatch): TableSummary {
  let out: Plain = p.set ? merge(row, p.set) : { ...row };
  for (const path of p.unset ?? []) out = unsetPath(out, path.split('.'));
  if (p.spark) out.spark = applySpark(row.spark, p.spark);
  return out as unknown as TableSummary;
}
