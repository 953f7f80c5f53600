import { z } from 'zod';
import {
  logicalMessageSchema,
  opSchema,
  OPS,
  rowSchema,
  sourceInfoSchema,
  transactionRefSchema,
  type Op,
} from './change-event';
import { eventListItemSchema } from './event-view';
import { messageOriginSchema } from './raw-message';
import { parseSearchParams } from './query-params';
import type { Result } from '../result';
import { fieldDiffSchema } from './replicas';

/**
 * The event inspector's API (`GET /api/events`, `GET /api/events/:id`):
 * query-string schema and response shapes. Everything row-shaped in here is
 * masked on the server before it is sent.
 */

export const EVENT_PAGE_MAX_LIMIT = 500;
export const EVENT_PAGE_DEFAULT_LIMIT = 100;
/** Raw value text shown in a detail: enough for any sane row, small enough for one response. */
export const RAW_VALUE_MAX_BYTES = 256 * 1024;

export type FieldOp = '=' | '!=' | '>' | '<' | '~';

/** `after.status=shipped`: a value in one side of the change compared to a literal. */
export interface FieldCondition {
  side: 'before' | 'after' | 'key';
  /** Nested path below the side, at least one segment: `['meta', 'carrier']`. */
  path: string[];
  op: FieldOp;
  value: string;
}

export const FIELD_CONDITION_HELP =
  'expected <before|after|key>.<column>[.<nested>]<op><value> with op one of = != > < ~ (e.g. after.status=shipped)';

/** A condition longer than this is refused: no column path and value need more, and it bounds the parse. */
export const FIELD_CONDITION_MAX_CHARS = 2_000;
const SIDES = ['before', 'after', 'key'] as const;
const OPERATOR_CHARS = '=!<>~';

/**
 * Parses `after.status=shipped`; undefined when the text is not a condition.
 * One left-to-right scan (issue #17.6: a backtracking regex spent 258 ms on
 * `after.a<15,000 spaces>b`): the side, the path up to the first operator
 * character, the operator (`!=` before `=`), the value.
 */
export function parseFieldCondition(input: string): FieldCondition | undefined {
  if (input.length > FIELD_CONDITION_MAX_CHARS) return undefined;
  const text = input.trim();
  const dot = text.indexOf('.');
  const side = SIDES.find((x) => x === text.slice(0, dot));
  if (dot < 0 || side === undefined) return undefined;
  let at = dot + 1;
  while (at < text.length && !OPERATOR_CHARS.includes(text.charAt(at))) at++;
  if (at >= text.length) return undefined;
  const c = text.charAt(at);
  let op: FieldOp;
  if (c === '!') {
    if (text.charAt(at + 1) !== '=') return undefined;
    op = '!=';
  } else op = c as FieldOp;
  const rawPath = text.slice(dot + 1, at).trim();
  if (rawPath.length === 0) return undefined;
  const path = rawPath.split('.');
  if (path.some((p) => p.length === 0)) return undefined;
  const value = text.slice(at + op.length).trimStart();
  return { side, path, op, value };
}

/** Epoch ms, or an ISO-8601 date as `Date.parse` reads it. */
/** The largest time a JavaScript Date holds (year 275760): anything later is no time at all. */
const MAX_TIME_MS = 8.64e15;

const timeParam = z.string().transform((s, ctx) => {
  const t = /^\d+$/.test(s) ? Number(s) : Date.parse(s);
  if (!Number.isFinite(t)) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is neither epoch ms nor an ISO date` });
    return z.NEVER;
  }
  if (t < 0 || t > MAX_TIME_MS) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 40)}" is outside the dates a clock can show` });
    return z.NEVER;
  }
  return t;
});

const opsParam = z.string().transform((s, ctx) => {
  const ops = s.split(',').map((o) => o.trim());
  const bad = ops.filter((o) => !(OPS as readonly string[]).includes(o));
  if (bad.length > 0) {
    ctx.addIssue({
      code: 'custom',
      message: `unknown op "${bad[0]?.slice(0, 20)}", expected a comma-separated list of ${OPS.join(', ')}`,
    });
    return z.NEVER;
  }
  return ops as Op[];
});

const fieldParam = z.string().transform((s, ctx) => {
  const c = parseFieldCondition(s);
  if (c === undefined) {
    ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 80)}": ${FIELD_CONDITION_HELP}` });
    return z.NEVER;
  }
  return c;
});

/** Filter text is compared as substrings; a cap keeps one request from asking for megabyte needles. */
const text = z.string().min(1).max(500);

/** `GET /api/events` query string, one value per parameter except `field` (repeatable, all must hold). */
export const eventQuerySchema = z
  .object({
    sourceId: text.optional(),
    /** Stats key (`TableSummary.tableKey`), or `(undecodable)` for undecodable records without a table. */
    table: text.optional(),
    op: opsParam.optional(),
    /** Substring of the rendered (masked) key, `id=42`. */
    key: text.optional(),
    field: z.array(fieldParam).max(5).optional(),
    /** Case-insensitive substring of the (masked) JSON of key, before and after. */
    q: text.optional(),
    from: timeParam.optional(),
    to: timeParam.optional(),
    kind: z.enum(['undecodable', 'outbox']).optional(),
    /** Outbox events of this aggregate type / event type (exact). */
    aggregateType: text.optional(),
    eventType: text.optional(),
    /** `only`: replayed copies alone; `exclude`: originals alone. */
    replay: z.enum(['only', 'exclude']).optional(),
    /** One side of a configured replica pair, `<pair id>:a` or `<pair id>:b`. */
    side: z
      .string()
      .regex(/^[^:]{1,200}:[ab]$/, 'expected <replica pair id>:a or <replica pair id>:b')
      .transform((s) => ({ pair: s.slice(0, -2), side: s.slice(-1) as 'a' | 'b' }))
      .optional(),
    cursor: z.string().min(1).max(200).optional(),
    limit: z
      .string()
      .regex(/^\d+$/, 'expected a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(EVENT_PAGE_MAX_LIMIT))
      .default(EVENT_PAGE_DEFAULT_LIMIT),
  })
  .strict();

export type EventQuery = z.output<typeof eventQuerySchema>;
/** The filters of a query, without paging. */
export type EventFilter = Omit<EventQuery, 'cursor' | 'limit'>;

const REPEATABLE = new Set(['field']);

/** Reads URL search params into an EventQuery, or one readable error line (`limit: too big…; field: …`). */
export function parseEventQuery(params: URLSearchParams): Result<EventQuery> {
  const parsed = parseSearchParams(eventQuerySchema, params, REPEATABLE);
  const reversed = parsed.ok ? reversedRange(parsed.value) : undefined;
  return reversed === undefined ? parsed : { ok: false, error: reversed };
}

/** Why a time range is refused (`from` after `to` would silently match nothing), or undefined when it is fine. */
export function reversedRange({
  from,
  to,
}: {
  from?: number | undefined;
  to?: number | undefined;
}): string | undefined {
  if (from === undefined || to === undefined || from <= to) return undefined;
  return `from (${new Date(from).toISOString()}) is after to (${new Date(to).toISOString()}); swap them`;
}

export const eventPageSchema = z.object({
  /** Newest first. */
  items: z.array(eventListItemSchema),
  /** Pass as `cursor` for the next (older) page; null when the scan reached the oldest kept event. */
  nextCursor: z.string().nullable(),
  /** Events examined for this page. */
  scanned: z.number(),
  /** The scan stopped at its work limit before filling the page: follow `nextCursor` to keep looking. */
  truncated: z.boolean(),
});
export type EventPage = z.infer<typeof eventPageSchema>;

/** Raw message as received, as text. */
export const rawMessageViewSchema = z.object({
  key: z.string().nullable(),
  /** Null for a tombstone. */
  value: z.string().nullable(),
  /** The value text was cut at RAW_VALUE_MAX_BYTES. */
  truncated: z.boolean(),
  /** Size of the whole value as received, bytes; rounded up when masking touched the event (`sizeRounded`). */
  sizeBytes: z.number(),
  sizeRounded: z.boolean().optional(),
  /**
   * `none`: the bytes as received. `reserialized`: parsed, masked and written
   * back as compact JSON (formatting and big-number precision may differ).
   * `withheld`: masking is on and the text could not be read to mask it, so
   * it was replaced by a notice.
   */
  masking: z.enum(['none', 'reserialized', 'withheld']),
  headers: z.record(z.string(), z.string()),
  origin: messageOriginSchema,
  /**
   * Set when the value came in the Schema Registry wire format: `key` and
   * `value` are then the JSON it decoded to (binary Avro is not text), and
   * `sizeBytes` is the size on the wire.
   */
  decodedFrom: z
    .object({
      format: z.enum(['avro', 'json-schema']),
      valueSchemaId: z.number(),
      keySchemaId: z.number().optional(),
    })
    .optional(),
});
export type RawMessageView = z.infer<typeof rawMessageViewSchema>;

/** The normalized row change, masked. */
export const changeViewSchema = z.object({
  op: opSchema,
  table: z.string(),
  tableKey: z.string(),
  key: rowSchema.nullable(),
  keySource: z.enum(['message', 'derived', 'none']),
  before: rowSchema.nullable(),
  after: rowSchema.nullable(),
  /** When Debezium processed it, epoch ms. */
  tsMs: z.number().optional(),
  /** Op `m`: the logical message (content hidden when masking is on: no rule can tell what it holds). */
  message: logicalMessageSchema.optional(),
  /** A flattened row (ExtractNewRecordState): where its op came from; there is no before image to diff. */
  flattened: z.object({ opFrom: z.enum(['field', 'header', 'deleted', 'none']) }).optional(),
  /** The CloudEvents envelope the change came in. */
  cloudEvent: z
    .object({
      id: z.string(),
      type: z.string(),
      source: z.string(),
      time: z.string().optional(),
      dataContentType: z.string().optional(),
    })
    .optional(),
});
export type ChangeView = z.infer<typeof changeViewSchema>;

/** One event with everything the inspector shows (`GET /api/events/:id`, `GET /api/seek/message`). */
export const eventDetailSchema = eventListItemSchema.extend({
  change: changeViewSchema.optional(),
  /** Updates only: field-level diff of before → after, masked (a masked entry has before/after equal to the replacement). */
  diff: z.object({ changes: z.array(fieldDiffSchema), omitted: z.number(), complete: z.boolean() }).optional(),
  /** Debezium source block: connector, names, LSN/txId or GTID/file/pos, snapshot flag. */
  source: sourceInfoSchema.optional(),
  transaction: transactionRefSchema.optional(),
  raw: rawMessageViewSchema,
  undecodable: z.object({ reason: z.string(), preview: z.string(), truncated: z.boolean() }).optional(),
  /** An outbox event: its fields and payload (masked), and the outbox table's row changes it came from, when watched. */
  outbox: z
    .object({
      aggregateType: z.string(),
      aggregateId: z.string().optional(),
      eventType: z.string().optional(),
      eventId: z.string().optional(),
      payload: z.unknown(),
      shape: z.enum(['router', 'row']),
      extra: z.record(z.string(), z.unknown()).optional(),
      tsMs: z.number().optional(),
      /** Inspector ids of the outbox table's row changes with this event id (bounded index; newest kept). */
      rowChanges: z.array(z.string()).optional(),
    })
    .optional(),
  /** A row change of the outbox table: the inspector ids of the events the router made of it. */
  outboxEvents: z.array(z.string()).optional(),
  /** A replayed copy: who replayed which event when (from its provenance headers). */
  replay: z
    .object({
      replayId: z.string(),
      replayedBy: z.string().optional(),
      replayedAt: z.string().optional(),
      originalEvent: z.string().optional(),
    })
    .optional(),
  /** Set when the event was no longer in the buffer and was read again from its broker. */
  readFrom: z.literal('broker').optional(),
});
export type EventDetail = z.infer<typeof eventDetailSchema>;
