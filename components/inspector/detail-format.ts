import type { SourceInfo, TransactionRef } from '@/lib/contracts/change-event';
import type { EventListItem } from '@/lib/contracts/event-view';
import type { EventDetail } from '@/lib/contracts/inspector';
import type { MessageOrigin } from '@/lib/contracts/raw-message';
import { displayJson } from '@/lib/display-json';
import { logPositionView } from '@/lib/event-views/log-position';
import { formatDiffPath } from '../replicas/replica-format';

/**
 * Pure helpers for the event detail: the before/after field table with its
 * changed marks, masked values, and the small key/value lists (source block,
 * transaction, broker origin). All output is plain text for text nodes.
 */

/**
 * The server's masking replacement. The API does not send the configured
 * one (`masking.replacement`), so the default is assumed: a custom
 * replacement still shows, just without the masked style.
 */
export const MASK_REPLACEMENT = '••••••';

/** Strings longer than this are shown folded (first part as the summary). */
export const LONG_TEXT_CHARS = 160;

export function isMaskedValue(v: unknown, replacement = MASK_REPLACEMENT): boolean {
  return typeof v === 'string' && v === replacement;
}

/** Text cut into plain and masked parts, for styling masked runs inside keys and JSON text. */
export function splitMasked(text: string, replacement = MASK_REPLACEMENT): { text: string; masked: boolean }[] {
  if (!replacement || !text.includes(replacement)) return [{ text, masked: false }];
  const parts: { text: string; masked: boolean }[] = [];
  const pieces = text.split(replacement);
  pieces.forEach((piece, i) => {
    if (piece) parts.push({ text: piece, masked: false });
    if (i < pieces.length - 1) parts.push({ text: replacement, masked: true });
  });
  return parts;
}

export type ValueView =
  | { kind: 'absent' }
  | { kind: 'null' }
  | { kind: 'masked'; text: string }
  | { kind: 'scalar'; text: string }
  | { kind: 'long'; summary: string; text: string }
  | { kind: 'nested'; summary: string; text: string };

/** How one cell shows a value: objects and arrays fold as pretty JSON, long strings fold too. */
export function valueView(v: unknown, present = v !== undefined): ValueView {
  if (!present || v === undefined) return { kind: 'absent' };
  if (v === null) return { kind: 'null' };
  if (isMaskedValue(v)) return { kind: 'masked', text: v as string };
  if (Array.isArray(v))
    return { kind: 'nested', summary: `[…] ${v.length} item${v.length === 1 ? '' : 's'}`, text: displayJson(v, 2) };
  if (typeof v === 'object') {
    const n = Object.keys(v).length;
    return { kind: 'nested', summary: `{…} ${n} key${n === 1 ? '' : 's'}`, text: displayJson(v, 2) };
  }
  const text = typeof v === 'string' ? v : displayJson(v);
  if (Array.from(text).length > LONG_TEXT_CHARS)
    return { kind: 'long', summary: `${Array.from(text).slice(0, 80).join('')}…`, text };
  return { kind: 'scalar', text };
}

export interface FieldRow {
  name: string;
  before: unknown;
  after: unknown;
  inBefore: boolean;
  inAfter: boolean;
  changed: boolean;
  /** Diff paths below this column (`address.city`), for nested changes. */
  changedPaths: string[];
}

const has = (row: Record<string, unknown> | null | undefined, k: string) =>
  !!row && Object.prototype.hasOwnProperty.call(row, k);

/**
 * One row per column of before ∪ after (after's order first), marked changed
 * from the diff paths (their first segment is the column) and, when the diff
 * was capped, from the list item's changed field names.
 */
export function fieldRows(detail: Pick<EventDetail, 'change' | 'diff' | 'changedFields'>): FieldRow[] {
  const before = detail.change?.before ?? null;
  const after = detail.change?.after ?? null;
  const changed = new Map<string, string[]>();
  for (const d of detail.diff?.changes ?? []) {
    const col = d.path[0];
    if (col === undefined) continue;
    const list = changed.get(col) ?? [];
    if (d.path.length > 1) list.push(formatDiffPath(d.path));
    changed.set(col, list);
  }
  for (const name of detail.changedFields ?? []) if (!changed.has(name)) changed.set(name, []);
  const names: string[] = [];
  const seen = new Set<string>();
  for (const row of [after, before]) {
    if (!row) continue;
    for (const k of Object.keys(row)) {
      if (!seen.has(k)) {
        seen.add(k);
        names.push(k);
      }
    }
  }
  return names.map((name) => ({
    name,
    before: before?.[name],
    after: after?.[name],
    inBefore: has(before, name),
    inAfter: has(after, name),
    changed: changed.has(name),
    changedPaths: changed.get(name) ?? [],
  }));
}

export type Entry = [label: string, value: string];

function fmtTime(ms: number | undefined): string | undefined {
  return ms === undefined || !Number.isFinite(ms) ? undefined : new Date(ms).toISOString();
}

function compact(entries: [string, unknown][]): Entry[] {
  return entries
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => [k, typeof v === 'string' ? v : displayJson(v)]);
}

/** The Debezium source block as label/value pairs, position fields included. */
export function sourceEntries(s: SourceInfo | undefined): Entry[] {
  if (!s) return [];
  const pos = s.position as Record<string, unknown> | undefined;
  const position: [string, unknown][] = pos
    ? Object.entries(pos).filter(([k]) => k !== 'kind' && k !== 'connector')
    : [];
  return compact([
    ['connector', s.connector],
    ['server name', s.name],
    ['version', s.version],
    ['db', s.db],
    ['schema', s.schema],
    ['table', s.table],
    ['snapshot', s.snapshot],
    ['committed (ts_ms)', fmtTime(s.tsMs)],
    ...position,
  ]);
}

export function transactionEntries(t: TransactionRef | undefined, txId?: string): Entry[] {
  // No transaction block (the connector's provide.transaction.metadata is off), yet the header shows a tx id taken
  // from the source position: say where it comes from rather than "none" beside it.
  if (!t)
    return txId
      ? [
          ['id', txId],
          ['from', 'the source position (no transaction block: provide.transaction.metadata is off)'],
        ]
      : [];
  return compact([
    ['id', t.id],
    ['total order', t.totalOrder],
    ['order in table', t.dataCollectionOrder],
  ]);
}

/** Where the raw message sits in the broker: Kafka partition/offset, JetStream stream seq. */
export function originEntries(o: MessageOrigin | undefined): Entry[] {
  if (!o) return [];
  switch (o.kind) {
    case 'kafka':
      return compact([
        ['broker', 'kafka'],
        ['topic', o.topic],
        ['partition', o.partition],
        ['offset', o.offset],
        ['timestamp', fmtTime(o.timestamp)],
      ]);
    case 'jetstream':
      return compact([
        ['broker', 'jetstream'],
        ['stream', o.stream],
        ['subject', o.subject],
        ['stream seq', o.seq],
        ['timestamp', fmtTime(o.timestamp)],
      ]);
    default:
      return compact([
        ['broker', (o as { kind?: string }).kind ?? 'unknown'],
        ['topic', (o as { topic?: string }).topic],
        ['seq', (o as { seq?: number }).seq],
        ['timestamp', fmtTime((o as { timestamp?: number }).timestamp)],
      ]);
  }
}

/** Log position of a list item: LSN/GTID when known, else the broker position. */
export function positionText(e: Pick<EventListItem, 'logPosition' | 'position'>): string {
  const v = logPositionView(e);
  return `${v.label} ${v.text}`;
}

/** What the detail's Copy button puts on the clipboard. */
export function detailJson(d: EventDetail): string {
  return displayJson(d, 2);
}

/** Texts longer than this are shown as they are: re-indenting megabytes on the main thread would stall the page. */
const PRETTY_MAX_CHARS = 1_000_000;

/**
 * JSON text re-indented by two spaces for reading, token by token: numbers,
 * strings and key order stay exactly as received (no parse, so a 64-bit id
 * keeps its digits). Anything that is not a JSON object or array, is too
 * long, or does not balance is returned unchanged.
 */
export function prettyJsonText(text: string): string {
  const trimmed = text.trim();
  if (trimmed.length > PRETTY_MAX_CHARS || !/^[[{]/.test(trimmed)) return text;
  let out = '';
  let depth = 0;
  let inString = false;
  const newline = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < trimmed.length; i++) {
    const ch = trimmed[i] ?? '';
    if (inString) {
      out += ch;
      if (ch === '\\') out += trimmed[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') {
      inString = true;
      out += ch;
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      // Empty containers stay on one line.
      let j = i + 1;
      while (/\s/.test(trimmed[j] ?? '')) j++;
      if (trimmed[j] === close) {
        out += ch + close;
        i = j;
        continue;
      }
      depth++;
      out += ch + newline();
    } else if (ch === '}' || ch === ']') {
      depth--;
      if (depth < 0) return text;
      out += newline() + ch;
    } else if (ch === ',') out += ',' + newline();
    else if (ch === ':') out += ': ';
    else if (!/\s/.test(ch)) out += ch;
  }
  return depth === 0 && !inString ? out : text;
}
