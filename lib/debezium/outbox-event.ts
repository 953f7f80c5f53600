import type { ChangeRecord, OutboxRecord, RecordBase } from '../contracts/change-event';
import { deeperThan, isObject, num, str, type JsonObject } from './json-guards';

/**
 * Events of Debezium's outbox event router (`io.debezium.transforms.outbox.EventRouter`).
 * With its defaults a message on `outbox.event.<aggregatetype>` has:
 * - the value: the `payload` column alone — for a JSON/JSONB column a JSON
 *   string of JSON, unless `table.expand.json.payload=true`;
 * - the key: the `aggregateid` column;
 * - a header `id`: the event id; more headers for `…:header` placements
 *   (`type:header:type` puts the event type in a `type` header);
 * - with `…:envelope` placements the value becomes `{payload, <extra fields>}`.
 * The aggregate type is only in the topic name. A value carrying the outbox
 * columns themselves (`aggregatetype`, `aggregateid`, `type`, `payload`) is
 * recognised on any topic.
 */
export type OutboxParts = Omit<OutboxRecord, keyof RecordBase | 'kind'>;

/** Envelope placements add a few scalar fields beside `payload`; more than this is a payload that merely has a `payload` field. */
const MAX_ENVELOPE_EXTRA = 16;

/** `"x"` (a header written by a JSON header converter) → `x`; anything else as it is. */
function headerText(value: string | undefined): string | undefined {
  if (value === undefined || value.length < 2 || !value.startsWith('"') || !value.endsWith('"')) return value;
  try {
    const parsed: unknown = JSON.parse(value);
    return typeof parsed === 'string' ? parsed : value;
  } catch {
    return value;
  }
}

function scalarText(x: unknown): string | undefined {
  if (typeof x === 'string') return x;
  if (typeof x === 'number' || typeof x === 'boolean' || typeof x === 'bigint') return String(x);
  return undefined;
}

/** A payload that came as a JSON string is shown parsed; anything that is not JSON stays text. */
function readPayload(x: unknown, maxDepth: number): unknown {
  if (typeof x !== 'string') return x;
  const first = x.trimStart().charCodeAt(0);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return x;
  try {
    const parsed: unknown = JSON.parse(x);
    return deeperThan(parsed, maxDepth) ? x : parsed;
  } catch {
    return x;
  }
}

/** The outbox table's columns, as a flattened row or a custom router writes them. */
export function isOutboxRow(p: JsonObject): boolean {
  return typeof p.aggregatetype === 'string' && 'aggregateid' in p && 'payload' in p && ('type' in p || 'id' in p);
}

const ROW_COLUMNS = new Set(['id', 'aggregatetype', 'aggregateid', 'type', 'payload', 'timestamp']);

export function readOutboxRow(p: JsonObject, maxDepth: number): OutboxParts {
  const extra: JsonObject = {};
  let extras = 0;
  for (const k in p) {
    if (ROW_COLUMNS.has(k)) continue;
    extra[k] = p[k];
    extras++;
  }
  const parts: OutboxParts = {
    aggregateType: str(p.aggregatetype) ?? '',
    aggregateId: scalarText(p.aggregateid),
    eventType: scalarText(p.type),
    eventId: scalarText(p.id),
    payload: readPayload(p.payload, maxDepth),
    shape: 'row',
    tsMs: num(p.timestamp),
  };
  if (extras > 0) parts.extra = extra;
  return parts;
}

function envelopeExtra(value: JsonObject): JsonObject | undefined {
  if (!('payload' in value)) return undefined;
  const extra: JsonObject = {};
  let n = 0;
  for (const k in value) {
    if (k === 'payload') continue;
    const v = value[k];
    if (typeof v === 'object' && v !== null) return undefined;
    if (++n > MAX_ENVELOPE_EXTRA) return undefined;
    extra[k] = v;
  }
  return n > 0 ? extra : undefined;
}

/** The aggregate type of a router topic: what the pattern's wildcard matched, else the last token. */
function aggregateTypeOf(channel: string, captured: string | undefined): string {
  if (captured !== undefined && captured.length > 0) return captured;
  const dot = channel.lastIndexOf('.');
  return dot < 0 ? channel : channel.slice(dot + 1);
}

export interface RoutedInput {
  value: unknown;
  headers: Record<string, string>;
  /** The message key as text (the router's key is the aggregate id). */
  keyText: string | undefined;
  channel: string;
  captured: string | undefined;
  /** Broker timestamp: the router sets the record's timestamp to the change's time. */
  brokerTs: number | undefined;
  maxDepth: number;
}

export function readRoutedEvent(input: RoutedInput): OutboxParts {
  const { value, headers } = input;
  const extra = isObject(value) ? envelopeExtra(value) : undefined;
  const payload = extra !== undefined && isObject(value) ? value.payload : value;
  const parts: OutboxParts = {
    aggregateType: aggregateTypeOf(input.channel, input.captured),
    aggregateId: input.keyText,
    eventType:
      headerText(headers.type) ??
      scalarText(extra?.type) ??
      scalarText(extra?.eventType) ??
      headerText(headers.eventType),
    eventId: headerText(headers.id) ?? scalarText(extra?.id) ?? scalarText(extra?.eventId),
    payload: readPayload(payload, input.maxDepth),
    shape: 'router',
    tsMs: num(extra?.timestamp) ?? input.brokerTs,
  };
  if (extra !== undefined) parts.extra = extra;
  return parts;
}

/**
 * The event id of a change on the outbox table itself (its row's `id`), to
 * link each routed event to the row change it came from when both streams are watched.
 */
export function outboxEventIdOf(change: ChangeRecord): string | undefined {
  const row = change.after ?? change.before;
  return row !== null && isOutboxRow(row) ? scalarText(row.id) : undefined;
}
