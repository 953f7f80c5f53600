import { z } from 'zod';
import { eventListItemSchema } from './event-view';
import { eventQuerySchema } from './inspector';

/**
 * Seek on the broker (`GET /api/seek`, `GET /api/seek/message`): reads a
 * topic or a stream from a chosen point, one message at a time, and streams
 * the matching events back as newline-delimited JSON. Everything row-shaped
 * is masked on the server, exactly as in the live inspector.
 */

/** Where a seek starts reading. */
export type SeekStart =
  | { kind: 'beginning' }
  /** Broker time (Kafka record timestamp, JetStream store time), epoch ms. */
  | { kind: 'time'; time: number }
  /** Kafka: from this offset on every partition, or on one partition only. Offsets are 64-bit: kept as decimal text. */
  | { kind: 'offset'; offset: string; partition?: number }
  /** JetStream stream sequence, or the demo's position. */
  | { kind: 'seq'; seq: number };

export const SEEK_START_HELP =
  'expected beginning, time:<epoch ms|ISO date>, offset:<n>, offset:<partition>@<n> or seq:<n>';

/** Reads `time:2026-01-01T00:00:00Z`, `offset:3@1200`, `seq:42`, `beginning`; undefined when it is none of them. */
export function parseSeekStart(text: string): SeekStart | undefined {
  const t = text.trim();
  if (t === 'beginning') return { kind: 'beginning' };
  const m = /^(time|offset|seq):(.+)$/s.exec(t);
  if (!m) return undefined;
  const [, kind, value = ''] = m;
  if (kind === 'time') {
    const time = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
    return Number.isFinite(time) && time >= 0 ? { kind: 'time', time } : undefined;
  }
  if (kind === 'seq')
    return /^\d{1,15}$/.test(value) && Number(value) > 0 ? { kind: 'seq', seq: Number(value) } : undefined;
  const o = /^(?:(\d{1,9})@)?(\d{1,19})$/.exec(value);
  if (!o) return undefined;
  const offset = BigInt(o[2] ?? '0');
  if (offset > 9_223_372_036_854_775_807n) return undefined;
  return o[1] === undefined
    ? { kind: 'offset', offset: offset.toString() }
    : { kind: 'offset', offset: offset.toString(), partition: Number(o[1]) };
}

/** Text form of a start, the inverse of parseSeekStart (for URLs and forms). */
export function formatSeekStart(s: SeekStart): string {
  switch (s.kind) {
    case 'beginning':
      return 'beginning';
    case 'time':
      return `time:${s.time}`;
    case 'offset':
      return s.partition === undefined ? `offset:${s.offset}` : `offset:${s.partition}@${s.offset}`;
    case 'seq':
      return `seq:${s.seq}`;
  }
}

const count = z
  .string()
  .regex(/^\d{1,12}$/, 'expected a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1));
const name = z.string().min(1).max(300);

/**
 * `GET /api/seek` query string: where to read, the inspector's filters
 * (same names and meaning as `GET /api/events`), and limits that may only be
 * lower than the configured `seek:` ones (higher values are lowered to them).
 */
export const seekQuerySchema = eventQuerySchema
  .pick({ table: true, op: true, key: true, field: true, q: true, from: true, to: true, kind: true })
  .extend({
    sourceId: name,
    /** Kafka topic, or a JetStream subject or subject filter (`pg.inventory.*`). */
    channel: name.refine((s) => !/\s/.test(s), 'no spaces in a topic or subject'),
    start: z.string().transform((s, ctx) => {
      const start = parseSeekStart(s);
      if (start === undefined) {
        ctx.addIssue({ code: 'custom', message: `"${s.slice(0, 60)}": ${SEEK_START_HELP}` });
        return z.NEVER;
      }
      return start;
    }),
    /** Matching events returned at most. */
    limit: count.optional(),
    /** Messages read at most. */
    scan: count.optional(),
  })
  .strict();

export type SeekQuery = z.output<typeof seekQuerySchema>;

/** A parsed seek with its effective limits (request ∩ configuration). */
export interface SeekRequest {
  sourceId: string;
  channel: string;
  start: SeekStart;
  filter: Omit<SeekQuery, 'sourceId' | 'channel' | 'start' | 'limit' | 'scan'>;
  limit: number;
  scan: number;
  /** From `seek.maxSeconds`: not a request parameter. */
  maxMs: number;
}

/** Whole numbers the server counts (scanned, matched, elapsed ms, partitions, sequences). */
const tally = z.number().int().nonnegative();

/** Where one message lives on the broker: enough to read it again (`GET /api/seek/message`). */
export const brokerRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('kafka'), sourceId: z.string(), topic: z.string(), partition: tally, offset: z.string() }),
  z.object({ kind: z.literal('jetstream'), sourceId: z.string(), subject: z.string(), seq: tally }),
  /** The demo pipeline's retained log: a topic and a position. */
  z.object({ kind: z.literal('demo'), sourceId: z.string(), topic: z.string(), seq: tally }),
]);
export type BrokerRef = z.infer<typeof brokerRefSchema>;

/** Columns of one side of a row, rendered as text and cut: enough to recognise an event in a list. */
export const rowPreviewSchema = z.object({
  side: z.enum(['after', 'before', 'key']),
  /** Column → text (strings as is, anything else as JSON), each cut at PREVIEW_VALUE_MAX_CHARS. */
  fields: z.record(z.string(), z.string()),
  /** Some value was cut or some column left out: fetch the message for the whole row. */
  truncated: z.boolean(),
});
export type RowPreview = z.infer<typeof rowPreviewSchema>;

/** Longest column text in a preview. */
export const PREVIEW_VALUE_MAX_CHARS = 120;
/** Columns in a preview at most. */
export const PREVIEW_MAX_FIELDS = 24;

export const seekDoneReasonSchema = z.enum(['limit', 'scan-limit', 'time-limit', 'end', 'cancelled']);
export type SeekDoneReason = z.infer<typeof seekDoneReasonSchema>;

/** At most every PROGRESS_INTERVAL_MS, and once before `done`. `position` is the last message read (`p2@1042`, `#88`). */
export const seekProgressLineSchema = z.object({
  type: z.literal('progress'),
  scanned: tally,
  matched: tally,
  position: z.string().nullable(),
  positionTime: z.number().nullable(),
  elapsedMs: tally,
});
export const seekDoneLineSchema = z.object({
  type: z.literal('done'),
  reason: seekDoneReasonSchema,
  scanned: tally,
  matched: tally,
  elapsedMs: tally,
});
export const seekErrorLineSchema = z.object({ type: z.literal('error'), error: z.string() });

/** Lines of the NDJSON answer; the last one is `done` or `error`. */
export const seekLineSchema = z.discriminatedUnion('type', [
  seekProgressLineSchema,
  z.object({
    type: z.literal('event'),
    item: eventListItemSchema,
    preview: rowPreviewSchema.nullable(),
    ref: brokerRefSchema,
  }),
  seekDoneLineSchema,
  seekErrorLineSchema,
]);
export type SeekLine = z.infer<typeof seekLineSchema>;
export type SeekProgressLine = z.infer<typeof seekProgressLineSchema>;
export type SeekDoneLine = z.infer<typeof seekDoneLineSchema>;
export type SeekEventLine = Extract<SeekLine, { type: 'event' }>;

/** One line of the answer's text → a SeekLine, or undefined when it is not JSON or not a line this API writes. */
export function parseSeekLine(text: string): SeekLine | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = seekLineSchema.safeParse(json);
  return r.success ? r.data : undefined;
}

/** Progress lines at most 4 a second: enough to look live, few enough not to matter next to the events. */
export const PROGRESS_INTERVAL_MS = 250;

/** `GET /api/seek/message` query string. */
export const seekMessageQuerySchema = z
  .object({
    sourceId: name,
    channel: name,
    partition: z
      .string()
      .regex(/^\d{1,9}$/, 'expected a partition number')
      .transform(Number)
      .optional(),
    offset: z
      .string()
      .regex(/^\d{1,19}$/, 'expected an offset')
      .optional(),
    seq: z
      .string()
      .regex(/^\d{1,15}$/, 'expected a sequence number')
      .transform(Number)
      .optional(),
  })
  .strict()
  .refine((q) => (q.seq !== undefined) !== (q.offset !== undefined && q.partition !== undefined), {
    error: 'expected partition and offset (Kafka) or seq (JetStream, the demo)',
  });

export type SeekMessageQuery = z.output<typeof seekMessageQuerySchema>;

/** Query string of `GET /api/seek/message` for a reference. */
export function messageQueryOf(ref: BrokerRef): URLSearchParams {
  return ref.kind === 'kafka'
    ? new URLSearchParams({
        sourceId: ref.sourceId,
        channel: ref.topic,
        partition: String(ref.partition),
        offset: ref.offset,
      })
    : new URLSearchParams({
        sourceId: ref.sourceId,
        channel: ref.kind === 'demo' ? ref.topic : ref.subject,
        seq: String(ref.seq),
      });
}
