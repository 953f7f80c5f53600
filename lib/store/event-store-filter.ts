import type { Row } from '../contracts/change-event';
import type { ReplicaSideSelector } from '../contracts/replicas';
import { sideOf } from '../replicas/side-selector';
import type { EventFilter, FieldCondition } from '../contracts/inspector';
import { renderKey } from '../event-views/render';
import type { Result } from '../result';
import { PROVENANCE } from '../replay/provenance';
import { maskedRows, type EventMasker, type MaskedRows, type StoredEvent } from './event-store-view';

/**
 * Query filters over stored events. Key, field and text filters compare
 * against the MASKED rows: filtering on raw values would let a caller probe a
 * hidden column (`after.ssn=123-45-6789` → one result) even though the
 * response shows only the replacement.
 */

/** Work done by one query, so the store can stop a scan that grows expensive. */
export interface QueryWork {
  scanned: number;
  /** Characters of JSON built for the free-text filter. */
  textChars: number;
}

export type EventPredicate = (e: StoredEvent, work: QueryWork) => boolean;

const isContainer = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;

/** JSON columns arrive as strings (PostgreSQL json/jsonb, MySQL JSON): a nested path looks inside them. */
function descend(v: unknown, segment: string): unknown {
  let container = v;
  if (typeof v === 'string' && (v.startsWith('{') || v.startsWith('['))) {
    try {
      container = JSON.parse(v);
    } catch {
      return undefined;
    }
  }
  return isContainer(container) && Object.hasOwn(container, segment) ? container[segment] : undefined;
}

export function valueAtPath(row: Row | null, path: readonly string[]): unknown {
  let v: unknown = row ?? undefined;
  for (const segment of path) {
    if (v === undefined) return undefined;
    v = descend(v, segment);
  }
  return v;
}

function render(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v !== 'object' || v === null) return String(v);
  try {
    return JSON.stringify(v);
  } catch {
    return '';
  }
}

const asNumber = (x: unknown): number | undefined => {
  if (typeof x === 'number') return x;
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return Number(x);
  return undefined;
};

/**
 * `=`/`!=`: numeric equality when both sides are numbers (`total=100` matches
 * 100.0), else text equality of the rendered value (`null`, `true`, JSON for
 * objects). `>`/`<`: numeric when both are numbers, else text order (ISO
 * dates sort). `~`: case-insensitive substring. A missing field matches no
 * condition, `!=` included: "status is not shipped" should not list rows
 * that have no status at all.
 */
export function matchesCondition(rows: MaskedRows, c: FieldCondition): boolean {
  const v = valueAtPath(rows[c.side], c.path);
  if (v === undefined) return false;
  const n = asNumber(v);
  const literal = asNumber(c.value);
  switch (c.op) {
    case '=':
    case '!=': {
      const equal =
        n !== undefined && literal !== undefined && typeof v === 'number' ? n === literal : render(v) === c.value;
      return c.op === '=' ? equal : !equal;
    }
    case '>':
    case '<': {
      if (v === null) return false;
      if (n !== undefined && literal !== undefined) return c.op === '>' ? n > literal : n < literal;
      const text = render(v);
      return c.op === '>' ? text > c.value : text < c.value;
    }
    case '~':
      return render(v).toLowerCase().includes(c.value.toLowerCase());
  }
}

/** The two sides of each configured replica pair, by pair id, for the `side` filter. */
export type ReplicaSides = ReadonlyMap<string, { a: ReplicaSideSelector; b: ReplicaSideSelector }>;

/** Builds the predicate for everything but `table` (the store walks that table's ring instead). `pair`: the selectors of `filter.side`'s pair. */
export function buildPredicate(
  filter: EventFilter,
  masker: EventMasker,
  pair?: { a: ReplicaSideSelector; b: ReplicaSideSelector },
): EventPredicate {
  const checks: EventPredicate[] = [];
  const { sourceId, op, kind, from, to, side } = filter;
  if (side !== undefined && pair !== undefined) checks.push((e) => sideOf(e.record, pair.a, pair.b) === side.side);
  if (sourceId !== undefined) checks.push((e) => e.record.sourceId === sourceId);
  if (kind !== undefined) checks.push((e) => e.record.kind === kind);
  if (op !== undefined) checks.push((e) => e.record.kind === 'change' && op.includes(e.record.op));
  if (from !== undefined) checks.push((e) => e.record.receivedAt >= from);
  if (to !== undefined) checks.push((e) => e.record.receivedAt <= to);
  const { aggregateType, eventType, replay } = filter;
  if (aggregateType !== undefined)
    checks.push((e) => e.record.kind === 'outbox' && e.record.aggregateType === aggregateType);
  if (eventType !== undefined) checks.push((e) => e.record.kind === 'outbox' && e.record.eventType === eventType);
  if (replay !== undefined)
    checks.push((e) => (e.record.headers[PROVENANCE.replayId] !== undefined) === (replay === 'only'));

  // The costly checks share one masking of the rows per event, done last so cheap checks reject first.
  const key = filter.key?.toLowerCase();
  const fields = filter.field ?? [];
  const q = filter.q?.toLowerCase();
  if (key === undefined && fields.length === 0 && q === undefined) return (e, w) => checks.every((c) => c(e, w));

  return (e, work) => {
    if (!checks.every((c) => c(e, work))) return false;
    const rows = maskedRows(e, masker);
    if (key !== undefined) {
      const rendered = renderKey(rows.key ?? undefined);
      if (rendered === undefined || !rendered.toLowerCase().includes(key)) return false;
    }
    if (!fields.every((c) => matchesCondition(rows, c))) return false;
    if (q !== undefined) {
      const json = render(rows);
      work.textChars += json.length;
      if (!json.toLowerCase().includes(q)) return false;
    }
    return true;
  };
}

/** True when the filter needs row values, which makes each scanned event cost more. */
export function isHeavy(filter: EventFilter): boolean {
  return filter.q !== undefined || (filter.field?.length ?? 0) > 0 || filter.key !== undefined;
}

/**
 * Opaque page cursor: the store's run id and the sequence number of the last
 * event examined (newer than everything on the next page). The run id makes
 * a cursor from before a restart an error instead of a silently wrong page.
 */
export function encodeCursor(run: string, seq: number): string {
  return btoa(`v1.${run}.${seq}`).replace(/=+$/, '');
}

export function decodeCursor(cursor: string, run: string): Result<number> {
  let text = '';
  try {
    text = atob(cursor);
  } catch {
    // Not base64: reported below like any other foreign string.
  }
  const m = /^v1\.([a-z0-9]+)\.(\d{1,15})$/.exec(text);
  if (!m) return { ok: false, error: 'cursor: not a cursor this API returned' };
  if (m[1] !== run) return { ok: false, error: 'cursor: from an earlier server run; start again without a cursor' };
  return { ok: true, value: Number(m[2]) };
}
