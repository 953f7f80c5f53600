import type { DecodedRecord, Row } from '../contracts/change-event';
import type { EventListItem } from '../contracts/event-view';
import { RAW_VALUE_MAX_BYTES, type EventDetail, type RawMessageView } from '../contracts/inspector';
import type { FieldDiff } from '../contracts/replicas';
import { diffUpdate } from '../diff/update-diff';
import { renderKey } from '../event-views/render';
import { toListItem } from '../event-views/to-list-item';
import { errorMessage } from '../error-message';
import { PROVENANCE } from '../replay/provenance';
import type { Result } from '../result';
import { coarseSize, maskingTouches } from './masked-size';

/**
 * The part of `lib/masking`'s Masker the inspector needs. Declared here so the
 * store does not depend on how masking is configured; the real Masker
 * satisfies it. The table passed is the stats key (`replica_a.inventory.customers`).
 */
export interface EventMasker {
  /** False when no rule is configured: the methods return their input. */
  readonly active: boolean;
  /** What a masked value becomes. */
  readonly replacement: string;
  maskRow(table: string | undefined, row: Row): Row;
  maskDiffs(table: string | undefined, diffs: FieldDiff[]): FieldDiff[];
  maskText(table: string | undefined, text: string, form?: 'key' | 'json'): string;
}

export const NO_MASKING: EventMasker = {
  active: false,
  replacement: '••••••',
  maskRow: (_t, row) => row,
  maskDiffs: (_t, diffs) => diffs,
  maskText: (_t, text) => text,
};

/** What the store keeps per event: the decoded record and the raw text (capped) for the raw view. */
export interface StoredEvent {
  /** Insertion order, the store's notion of "newer". */
  seq: number;
  id: string;
  /** Stats key, or the pseudo-table for undecodables without one. */
  tableKey: string;
  record: DecodedRecord;
  /** UTF-8 text of the key and value bytes (lossy for binary), cut at RAW_VALUE_MAX_BYTES bytes. */
  rawKey: string | null;
  rawValue: string | null;
  /** Whole value size as received. */
  rawValueSize: number;
  /** Estimated heap held, for the byte limits. */
  bytes: number;
}

export const WITHHELD_NOTICE = '[withheld: masking is on and this text could not be parsed as JSON to mask it]';

const isRow = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Table name a masker sees for an event: the real table key, undefined for the pseudo-table. */
export function maskTableOf(e: StoredEvent): string | undefined {
  return e.record.kind === 'change' || e.record.kind === 'tombstone' || e.record.kind === 'undecodable'
    ? e.record.table === undefined
      ? undefined
      : e.tableKey
    : undefined;
}

function keyRowOf(rec: DecodedRecord): Row | undefined {
  if (rec.kind === 'outbox') return rec.aggregateId === undefined ? undefined : { aggregateid: rec.aggregateId };
  return rec.kind === 'change' || rec.kind === 'tombstone' ? rec.key : undefined;
}

/** An outbox payload as a row the masker and the filters read (`after.<field>`): an object as it is, anything else under `payload`. */
function payloadRow(payload: unknown): Row {
  return isRow(payload) ? payload : { payload };
}

/** Links between outbox events and the outbox table's row changes, by inspector id (the store's bounded index). */
export interface OutboxLinks {
  rowChanges?: string[];
  events?: string[];
}

/** Undecodable reasons that quote the payload (V8 parser messages, decoder errors) lose their detail under masking. */
function safeReason(reason: string, m: EventMasker): string {
  if (!m.active || !/^(not JSON|decoder error)/.test(reason)) return reason;
  const head = reason.split(':', 1)[0] ?? reason;
  return `${head} (detail hidden by masking)`;
}

/** The list item with its key rendered from the masked key row (exact `k=v`, see docs/masking.md). */
export function maskedListItem(e: StoredEvent, m: EventMasker): EventListItem {
  const item = toListItem(e.record);
  const key = keyRowOf(e.record);
  const table = maskTableOf(e);
  if (m.active && key !== undefined) item.key = renderKey(m.maskRow(table, key));
  if (item.reason !== undefined) item.reason = safeReason(item.reason, m);
  if (maskingTouches(e.record, table, m)) {
    item.sizeBytes = coarseSize(item.sizeBytes);
    item.sizeRounded = true;
  }
  return item;
}

/** `{schema, payload}` (Kafka Connect JsonConverter with schemas) → payload; anything else as is. */
function unwrap(x: unknown): unknown {
  return isRow(x) && 'payload' in x && 'schema' in x ? x.payload : x;
}

function parse(text: string): Result<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, error: errorMessage(err) };
  }
}

/**
 * Masks a Debezium envelope in place of a parsed copy: before/after/key rows
 * through maskRow, and `source.query` (MySQL's original SQL statement carries
 * the values) replaced. A non-envelope JSON document goes through maskText's
 * JSON form, which checks every object key at any depth.
 */
function maskEnvelopeText(text: string, table: string | undefined, m: EventMasker, asKey: boolean): string | undefined {
  const parsed = parse(text);
  if (!parsed.ok) return undefined;
  const root = parsed.value;
  const body = unwrap(root);
  if (!isRow(body)) return undefined;
  if (asKey) {
    const masked = m.maskRow(table, body);
    return JSON.stringify(root === body ? masked : { ...(root as Row), payload: masked });
  }
  if (!('op' in body) && !('before' in body) && !('after' in body)) return m.maskText(table, text, 'json');
  const out: Row = { ...body };
  for (const side of ['before', 'after'] as const) if (isRow(body[side])) out[side] = m.maskRow(table, body[side]);
  if (isRow(body.source) && typeof body.source.query === 'string')
    out.source = { ...body.source, query: m.replacement };
  if (isRow(body.message)) out.message = { ...body.message, content: m.replacement };
  return JSON.stringify(root === body ? out : { ...(root as Row), payload: out });
}

function rawView(e: StoredEvent, m: EventMasker): RawMessageView {
  const table = maskTableOf(e);
  const truncated = e.rawValue !== null && e.rawValueSize > RAW_VALUE_MAX_BYTES;
  let key = e.rawKey;
  let value = e.rawValue;
  let masking: RawMessageView['masking'] = 'none';
  const withheld = () => {
    masking = 'withheld';
    return WITHHELD_NOTICE;
  };
  if (m.active) {
    masking = 'reserialized';
    if (key !== null)
      key = maskEnvelopeText(key, table, m, true) ?? maskAggregateKey(e.record, key, table, m) ?? withheld();
    // Cut text cannot be parsed, and a prefix is never masked by guesswork.
    if (value !== null) value = (truncated ? undefined : maskEnvelopeText(value, table, m, false)) ?? withheld();
  }
  const headers = m.active ? maskHeaders(e.record.headers, table, m) : e.record.headers;
  // Withheld or masked: the exact size would tell the masked values' lengths (issue #17.4).
  const rounded = key === WITHHELD_NOTICE || value === WITHHELD_NOTICE || maskingTouches(e.record, table, m);
  const view: RawMessageView = {
    key,
    value,
    truncated,
    sizeBytes: rounded ? coarseSize(e.rawValueSize) : e.rawValueSize,
    ...(rounded ? { sizeRounded: true } : {}),
    masking,
    headers,
    origin: e.record.origin,
  };
  const wire = e.record.kind === 'change' || e.record.kind === 'outbox' ? e.record.wire : undefined;
  if (wire?.decodedValue !== undefined) {
    view.decodedFrom = { format: wire.format, valueSchemaId: wire.valueSchemaId };
    if (wire.keySchemaId !== undefined) view.decodedFrom.keySchemaId = wire.keySchemaId;
  }
  return view;
}

/**
 * The outbox router's key is the bare aggregate id (text or a JSON scalar), which no column rule can name: it is
 * masked as the `aggregateid` column it came from, the same as the list shows it.
 */
function maskAggregateKey(
  rec: DecodedRecord,
  key: string,
  table: string | undefined,
  m: EventMasker,
): string | undefined {
  if (rec.kind !== 'outbox' || rec.aggregateId === undefined) return undefined;
  const id = rec.aggregateId;
  if (key !== id && key !== JSON.stringify(id)) return undefined;
  return m.maskRow(table, { aggregateid: id }).aggregateid === id ? key : m.replacement;
}

/** Headers that are JSON objects (`__debezium.oldkey` carries the previous key) are masked like keys. */
function maskHeaders(
  headers: Record<string, string>,
  table: string | undefined,
  m: EventMasker,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const trimmed = value.trimStart();
    out[name] =
      trimmed.startsWith('{') || trimmed.startsWith('[')
        ? (maskEnvelopeText(value, table, m, true) ?? m.replacement)
        : value;
  }
  return out;
}

/** Everything the inspector shows about one event, masked. */
export function toEventDetail(e: StoredEvent, m: EventMasker, links?: OutboxLinks): EventDetail {
  const rec = e.record;
  const table = maskTableOf(e);
  const row = (r: Row | null | undefined) => (r === null || r === undefined ? null : m.maskRow(table, r));
  const detail: EventDetail = { ...maskedListItem(e, m), raw: rawView(e, m) };
  const replayId = rec.headers[PROVENANCE.replayId];
  if (replayId !== undefined) {
    detail.replay = { replayId };
    const by = rec.headers[PROVENANCE.replayedBy];
    const at = rec.headers[PROVENANCE.replayedAt];
    const of = rec.headers[PROVENANCE.eventId];
    if (by !== undefined) detail.replay.replayedBy = by;
    if (at !== undefined) detail.replay.replayedAt = at;
    if (of !== undefined) detail.replay.originalEvent = of;
  }
  if (rec.kind === 'change') {
    detail.change = {
      op: rec.op,
      table: rec.table,
      tableKey: e.tableKey,
      key: row(rec.key),
      keySource: rec.keySource,
      before: row(rec.before),
      after: row(rec.after),
    };
    if (rec.tsMs !== undefined) detail.change.tsMs = rec.tsMs;
    if (rec.message !== undefined)
      detail.change.message = m.active ? { prefix: rec.message.prefix, content: m.replacement } : rec.message;
    // A flattened row has one image: there is nothing to diff, and an empty diff would say nothing changed.
    if (rec.op === 'u' && rec.flattened === undefined) {
      const d = diffUpdate(rec.before, rec.after);
      detail.diff = { changes: m.maskDiffs(table, d.changes), omitted: d.omitted, complete: d.complete };
    }
    const position = rec.source.position;
    detail.source =
      m.active && position.kind === 'mysql' && position.query !== undefined
        ? { ...rec.source, position: { ...position, query: m.replacement } }
        : rec.source;
    if (rec.transaction !== undefined) detail.transaction = rec.transaction;
    if (rec.flattened !== undefined) detail.change.flattened = rec.flattened;
    if (rec.cloudEvent !== undefined) detail.change.cloudEvent = rec.cloudEvent;
    if (links?.events !== undefined && links.events.length > 0) detail.outboxEvents = links.events;
  } else if (rec.kind === 'outbox') {
    const masked = m.maskRow(table, payloadRow(rec.payload));
    detail.outbox = {
      aggregateType: rec.aggregateType,
      payload: isRow(rec.payload) ? masked : masked.payload,
      shape: rec.shape,
    };
    if (rec.aggregateId !== undefined) detail.outbox.aggregateId = rec.aggregateId;
    if (rec.eventType !== undefined) detail.outbox.eventType = rec.eventType;
    if (rec.eventId !== undefined) detail.outbox.eventId = rec.eventId;
    if (rec.extra !== undefined) detail.outbox.extra = m.maskRow(table, rec.extra);
    if (rec.tsMs !== undefined) detail.outbox.tsMs = rec.tsMs;
    if (links?.rowChanges !== undefined && links.rowChanges.length > 0) detail.outbox.rowChanges = links.rowChanges;
  } else if (rec.kind === 'undecodable') {
    const preview = m.active && rec.preview.length > 0 ? m.maskText(table, rec.preview, 'json') : rec.preview;
    detail.undecodable = { reason: safeReason(rec.reason, m), preview, truncated: rec.truncated };
  }
  return detail;
}

/** What the text and field filters compare against: the masked views, so a filter cannot probe a hidden value. */
export interface MaskedRows {
  key: Row | null;
  before: Row | null;
  after: Row | null;
}

export function maskedRows(e: StoredEvent, m: EventMasker): MaskedRows {
  const rec = e.record;
  const table = maskTableOf(e);
  const row = (r: Row | null | undefined) => (r === null || r === undefined ? null : m.maskRow(table, r));
  if (rec.kind === 'change') return { key: row(rec.key), before: row(rec.before), after: row(rec.after) };
  if (rec.kind === 'tombstone') return { key: row(rec.key), before: null, after: null };
  if (rec.kind === 'outbox') return { key: row(keyRowOf(rec)), before: null, after: row(payloadRow(rec.payload)) };
  return { key: null, before: null, after: null };
}
