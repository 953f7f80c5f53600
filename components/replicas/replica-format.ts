import { displayJson } from '@/lib/display-json';
import { rowHistoryHref } from '@/lib/row-history/row-key';
import type { Row } from '@/lib/contracts/change-event';
import { renderKey } from '@/lib/event-views/render';
import type {
  FieldDiff,
  ReplicaCounts,
  ReplicaDelayPoint,
  ReplicaPairSummary,
  ReplicaSide,
  ReplicaSideInfo,
  ReplicaSideSelector,
  SuggestedReplicaPair,
} from '@/lib/contracts/replicas';

/**
 * Pure helpers for the Replicas pages: labels, diff rendering, warning
 * levels, the config snippet of a suggestion. Everything returns plain text:
 * keys and values come from production rows and are rendered as text only.
 */

const DASH = '—';

/** Longest value text shown in a diff cell; the full text stays in the cell's tooltip. */
export const DIFF_VALUE_MAX_CHARS = 400;

/** Share 0..1 as a percentage: 0 %, 0.22 %, 4.5 %, 100 %. */
export function formatPercent(share: number | null | undefined): string {
  if (share == null || !Number.isFinite(share)) return DASH;
  const p = share * 100;
  if (p === 0) return '0 %';
  const digits = Math.abs(p) < 1 ? 2 : Math.abs(p) < 10 ? 1 : 0;
  return `${p
    .toFixed(digits)
    .replace(/\.0+$/, '')
    .replace(/(\.\d*[1-9])0+$/, '$1')} %`;
}

/** `after.meta.shipped`; the compared root itself when the path is empty. */
export function formatDiffPath(path: readonly string[] | null | undefined): string {
  if (!Array.isArray(path) || path.length === 0) return '(root)';
  return path.map((p) => String(p)).join('.');
}

/**
 * One side of a diff entry as text: JSON (`"a"`, `12`, `null`, `{"x":1}`),
 * `(absent)` for the missing side of an added/removed field.
 */
export function formatDiffValue(value: unknown, present = value !== undefined): string {
  if (!present || value === undefined) return '(absent)';
  return displayJson(value);
}

/** A value text cut for a table cell, with a flag saying whether it was cut here. */
export function clipText(text: string, max = DIFF_VALUE_MAX_CHARS): { text: string; clipped: boolean } {
  // Count code points, never split a surrogate pair.
  const chars = Array.from(text);
  if (chars.length <= max) return { text, clipped: false };
  return { text: `${chars.slice(0, max).join('')}…`, clipped: true };
}

export interface DiffRowView {
  path: string;
  kind: FieldDiff['kind'];
  before: string;
  after: string;
  flags: string[];
}

/** One FieldDiff as the strings a row shows. */
export function diffRowView(d: FieldDiff): DiffRowView {
  const flags: string[] = [];
  if (d.typeChanged) flags.push('type changed');
  if (d.truncated) flags.push('truncated');
  if (d.depthCapped) flags.push('depth capped');
  return {
    path: formatDiffPath(d.path),
    kind: d.kind,
    before: formatDiffValue(d.before, d.kind !== 'added' && 'before' in d),
    after: formatDiffValue(d.after, d.kind !== 'removed' && 'after' in d),
    flags,
  };
}

/** What a side is called: its label, else its server name, else its source id, else A/B. */
export function sideName(selector: ReplicaSideSelector | undefined, side: ReplicaSide): string {
  return selector?.label ?? selector?.serverName ?? selector?.sourceId ?? side.toUpperCase();
}

/** How the side selects records, e.g. `server demo_a · source kafka-1`. */
export function selectorText(selector: ReplicaSideSelector | undefined): string {
  const parts: string[] = [];
  if (selector?.serverName) parts.push(`server ${selector.serverName}`);
  if (selector?.sourceId) parts.push(`source ${selector.sourceId}`);
  return parts.join(' · ') || DASH;
}

/**
 * The overview's table key (`<serverName>.<table>`) of a pair's table on one
 * side, when the side is selected by server name; null when it cannot be told.
 */
export function sideTableKey(info: ReplicaSideInfo | undefined, table: string): string | null {
  const server = info?.selector.serverName;
  return server ? `${server}.${table}` : null;
}

/** The pair's side-by-side history of a replica event's row, or null without the side's server name. */
export function pairHistoryHref(
  info: ReplicaSideInfo | undefined,
  table: string,
  key: string,
  pairId: string,
): string | null {
  const tableKey = sideTableKey(info, table);
  return tableKey === null || key === '' ? null : rowHistoryHref(tableKey, key, pairId);
}

export type Level = 'ok' | 'warn' | 'err';

/** Potential loss or divergence is an error; duplicates, late matches and evictions a warning. */
export function countsLevel(c: ReplicaCounts): Level {
  if (c.a.onlyIn > 0 || c.b.onlyIn > 0 || c.a.lost > 0 || c.b.lost > 0 || c.divergent > 0) return 'err';
  if (c.a.duplicates > 0 || c.b.duplicates > 0 || c.a.evicted > 0 || c.b.evicted > 0) return 'warn';
  return 'ok';
}

/** Class for a count cell: `hot` (red) when an error count is above 0, `warn-text` for warnings. */
export function countClass(n: number, level: 'warn' | 'err'): string | undefined {
  if (!(n > 0)) return undefined;
  return level === 'err' ? 'hot' : 'warn-text';
}

/** A pair needs attention when anything is only on one side or copies differ. */
export function pairNeedsAttention(p: Pick<ReplicaPairSummary, 'totals'>): boolean {
  const t = p.totals;
  return t.a.onlyIn > 0 || t.b.onlyIn > 0 || t.divergent > 0;
}

/** One-line verdict for a pair's header. */
export function pairVerdict(c: ReplicaCounts): { level: Level; text: string } {
  const onlyIn = c.a.onlyIn + c.b.onlyIn;
  const lost = c.a.lost + c.b.lost;
  const parts: string[] = [];
  if (onlyIn > 0) parts.push(`${onlyIn} only on one side`);
  if (lost > 0) parts.push(`${lost} lost`);
  if (c.divergent > 0) parts.push(`${c.divergent} divergent`);
  if (parts.length > 0) return { level: 'err', text: parts.join(' · ') };
  const dups = c.a.duplicates + c.b.duplicates;
  if (dups > 0) return { level: 'warn', text: `consistent · ${dups} duplicate${dups === 1 ? '' : 's'}` };
  return { level: 'ok', text: 'consistent' };
}

/**
 * Drops the leading seconds before the tracker's first tick (no gauge sample,
 * nothing matched), so a fresh pair's charts start where its data starts.
 */
export function trimLeadingIdle(series: readonly ReplicaDelayPoint[]): readonly ReplicaDelayPoint[] {
  let i = 0;
  while (i < series.length) {
    const p = series[i];
    if (!p || p.onlyInA !== null || p.onlyInB !== null || p.matched > 0 || p.duplicates > 0 || p.divergent > 0) break;
    i += 1;
  }
  return i === 0 ? series : series.slice(i);
}

/** A YAML scalar: plain when safe, else JSON-quoted (JSON strings are valid YAML). */
function yamlScalar(s: string): string {
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(s) &&
    !/^(true|false|null|yes|no|on|off|~)$/i.test(s) &&
    !/^[0-9.]+$/.test(s)
    ? s
    : JSON.stringify(s);
}

/** The `replicas:` entry that configures a suggested pair, as text for the config file. */
export function suggestionSnippet(s: SuggestedReplicaPair): string {
  const id = `${s.serverA}-vs-${s.serverB}`;
  return [
    'replicas:',
    `  - id: ${yamlScalar(id)}`,
    `    a: { serverName: ${yamlScalar(s.serverA)} }`,
    `    b: { serverName: ${yamlScalar(s.serverB)} }`,
  ].join('\n');
}

/**
 * A pairing key (canonical JSON, `{"id":38}`) as every other page writes a
 * key: `id=38` (lib/event-views/render.ts). Anything that is not a JSON
 * object (a capped or plain-text key) is shown as it is.
 */
export function replicaKeyText(key: string): string {
  if (!key.startsWith('{')) return key;
  try {
    const row: unknown = JSON.parse(key);
    if (row === null || typeof row !== 'object' || Array.isArray(row)) return key;
    return renderKey(row as Row) ?? key;
  } catch {
    return key;
  }
}

/** The inspector, filtered to this event's table, op and key: where the suspect event can be opened and replayed. */
export function unmatchedEventHref(tableKey: string | null, op: string, key: string): string {
  const params = new URLSearchParams();
  if (tableKey) params.set('table', tableKey);
  params.set('op', op);
  const text = replicaKeyText(key);
  if (text) params.set('key', text);
  return `/inspector?${params.toString()}`;
}
