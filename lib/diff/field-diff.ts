import diff from 'microdiff';
import type { FieldDiff } from '../contracts/replicas';
import { clipValue, DEFAULT_MAX_VALUE_CHARS, jsonType } from './clip-value';

/**
 * Field-level diff of two JSON values as a flat list a UI renders as rows:
 * `{ path, kind, before?, after? }`. microdiff walks nested objects and
 * arrays (arrays index by index: an element inserted at the front shows as
 * every later element changed, which is what the row holds). On top of it:
 * - a depth limit: changes deeper than `maxDepth` collapse into one
 *   `changed` entry at that depth with the whole sub-values (`depthCapped`);
 * - values cut to `maxValueChars` (`truncated`);
 * - `typeChanged` when the JSON type differs (number → string, null ↔ value);
 * - at most `maxChanges` entries, the rest counted in `omitted`.
 */
export interface DiffOptions {
  /** Path length at which nested changes collapse. Default 8: deeper JSON is rarely read field by field. */
  maxDepth?: number;
  maxValueChars?: number;
  /** Default 100: more rows than a reader takes in. */
  maxChanges?: number;
}

export interface DiffResult {
  changes: FieldDiff[];
  /** Entries left out over `maxChanges`. */
  omitted: number;
}

export const DEFAULT_MAX_DEPTH = 8;
export const DEFAULT_MAX_CHANGES = 100;

export interface DiffCollector {
  readonly options: Required<DiffOptions>;
  push(path: string[], before: unknown, after: unknown, extra?: { depthCapped?: boolean }): void;
  result(): DiffResult;
}

export function createDiffCollector(options: DiffOptions = {}): DiffCollector {
  const opts: Required<DiffOptions> = {
    maxDepth: Math.max(1, options.maxDepth ?? DEFAULT_MAX_DEPTH),
    maxValueChars: options.maxValueChars ?? DEFAULT_MAX_VALUE_CHARS,
    maxChanges: options.maxChanges ?? DEFAULT_MAX_CHANGES,
  };
  const changes: FieldDiff[] = [];
  let omitted = 0;
  return {
    options: opts,
    push(path, before, after, extra) {
      if (changes.length >= opts.maxChanges) {
        omitted++;
        return;
      }
      const kind: FieldDiff['kind'] = before === undefined ? 'added' : after === undefined ? 'removed' : 'changed';
      const entry: FieldDiff = { path, kind };
      let truncated = false;
      if (before !== undefined) {
        const c = clipValue(before, opts.maxValueChars);
        entry.before = c.value;
        truncated ||= c.truncated;
      }
      if (after !== undefined) {
        const c = clipValue(after, opts.maxValueChars);
        entry.after = c.value;
        truncated ||= c.truncated;
      }
      if (truncated) entry.truncated = true;
      if (kind === 'changed' && jsonType(before) !== jsonType(after)) entry.typeChanged = true;
      if (extra?.depthCapped === true) entry.depthCapped = true;
      changes.push(entry);
    },
    result: () => ({ changes, omitted }),
  };
}

const isContainer = (v: unknown): v is Record<string, unknown> | unknown[] => typeof v === 'object' && v !== null;

function valueAt(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const p of path) {
    if (!isContainer(v)) return undefined;
    v = (v as Record<string, unknown>)[p];
  }
  return v;
}

/** Adds the differences between `before` and `after` under `base` to the collector. */
export function diffInto(c: DiffCollector, before: unknown, after: unknown, base: string[] = []): void {
  if (before === after) return;
  const { maxDepth } = c.options;
  if (!isContainer(before) || !isContainer(after) || Array.isArray(before) !== Array.isArray(after)) {
    c.push(base, before, after);
    return;
  }
  if (base.length >= maxDepth) {
    if (diff(before, after, { cyclesFix: false }).length > 0) c.push(base, before, after, { depthCapped: true });
    return;
  }
  const collapsed = new Set<string>();
  const room = maxDepth - base.length;
  for (const d of diff(before, after, { cyclesFix: false })) {
    const rel = d.path.map(String);
    if (rel.length > room) {
      const cut = rel.slice(0, room);
      const sig = cut.join('\u0000');
      if (collapsed.has(sig)) continue;
      collapsed.add(sig);
      c.push([...base, ...cut], valueAt(before, cut), valueAt(after, cut), { depthCapped: true });
      continue;
    }
    const path = [...base, ...rel];
    if (d.type === 'CREATE') c.push(path, undefined, d.value);
    else if (d.type === 'REMOVE') c.push(path, d.oldValue, undefined);
    else c.push(path, d.oldValue, d.value);
  }
}

/** Differences between two JSON values. */
export function diffValues(before: unknown, after: unknown, options?: DiffOptions): DiffResult {
  const c = createDiffCollector(options);
  diffInto(c, before, after);
  return c.result();
}
