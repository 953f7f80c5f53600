import { z } from 'zod';
import { ROLES } from '../auth/roles';
import type { Result } from '../result';
import { redactText } from '../redact';
import { parseSearchParams } from './query-params';

/**
 * The replay audit log (issue #5): append-only records, two per replay. A
 * `started` record is written (and flushed) before anything is sent, a
 * `finished` record after, so a crash in between leaves a replay whose
 * outcome is `unknown` rather than one nobody knows was attempted; and the
 * replay id is known after a restart, so a retried request is never sent twice.
 *
 * The record schemas are the stored form (a JSON line, or a jsonb row),
 * checked on the way in and on the way out (server/audit/stored-record.ts).
 * Every string has a cap, so one record is at most ~12 KB and a stored line
 * can never be longer than the reader's line limit.
 */

/** Replay ids are idempotency keys (a UUID in practice); 128 leaves room for any scheme without letting one grow a line. */
export const MAX_REPLAY_ID_CHARS = 128;
/**
 * A result's detail or error is clipped to this many characters before it is
 * stored, rather than refused: the finished record must never be lost because
 * a sink answered with a long error body.
 */
export const MAX_RESULT_TEXT_CHARS = 4_000;

const name = z.string().min(1).max(1_024);
const epochMs = z.number().int().nonnegative();
const replayId = z.string().min(1).max(MAX_REPLAY_ID_CHARS);

/** `connect`: not a sink but Kafka Connect, the target of an operator's connector action (issue #13 §4). */
export const sinkKindSchema = z.enum(['kafka', 'nats', 'http', 'demo', 'connect']);
export type SinkKind = z.infer<typeof sinkKindSchema>;

/** A sink as the browser may see it: no URL credentials, no headers, no broker addresses. */
export const sinkRefSchema = z.object({
  id: name,
  kind: sinkKindSchema,
  /** Topic, subject (with `jetstream`/`core`), or the URL's origin and path. */
  target: name,
});
export type SinkRef = z.infer<typeof sinkRefSchema>;

/** The replayed event as it was found. */
export const auditEventRefSchema = z.object({
  /** Inspector id, `<sourceId>:<channel>:<position>`. */
  id: name,
  sourceId: name,
  /** Topic or subject it was read from. */
  channel: name,
  /** `p3@1042` or `#88`. */
  position: name,
  tableKey: name.nullable(),
});
export type AuditEventRef = z.infer<typeof auditEventRefSchema>;

export const auditActorSchema = z.object({
  /** Null only with auth off (the demo), where the actor is anonymous. */
  user: z.string().min(1).max(256).nullable(),
  role: z.enum(ROLES),
  via: z.enum(['session', 'token', 'anonymous']),
});
export type AuditActor = z.infer<typeof auditActorSchema>;

export const auditStartedSchema = z.object({
  replayId,
  /** Epoch ms when this record was written. */
  at: epochMs,
  phase: z.literal('started'),
  actor: auditActorSchema,
  event: auditEventRefSchema,
  sink: sinkRefSchema,
  /** Hex SHA-256 of the value bytes sent. */
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256'),
  payloadBytes: z.number().int().nonnegative(),
  /** The operator changed the payload before sending. */
  edited: z.boolean(),
  /** The unmasked original was sent (needs the `unmaskedReplay` permission). */
  unmasked: z.boolean(),
  /**
   * Set on an operator's connector action (issue #13 §4), recorded like a
   * replay: `event` names the connector (`connect:<name>`), `sink` Kafka
   * Connect's endpoint, and the payload is the request body (empty).
   */
  action: z
    .object({
      kind: z.enum(['pause', 'resume', 'restart-task']),
      connector: name,
      task: z.number().int().nonnegative().nullable(),
    })
    .optional(),
});
export type AuditStarted = z.infer<typeof auditStartedSchema>;

const resultText = z.string().max(MAX_RESULT_TEXT_CHARS);
export const auditResultSchema = z.discriminatedUnion('ok', [
  /** `detail`: where it landed, e.g. `p0@17`, `stream REPLAY seq 5`, `HTTP 202`. */
  z.object({ ok: z.literal(true), detail: resultText }),
  z.object({ ok: z.literal(false), error: resultText }),
]);
export type AuditResult = z.infer<typeof auditResultSchema>;

export const auditFinishedSchema = z.object({
  replayId,
  at: epochMs,
  phase: z.literal('finished'),
  result: auditResultSchema,
});
export type AuditFinished = z.infer<typeof auditFinishedSchema>;

export const auditRecordSchema = z.discriminatedUnion('phase', [auditStartedSchema, auditFinishedSchema]);
export type AuditRecord = z.infer<typeof auditRecordSchema>;

/** One replay as the audit page shows it: its started record joined with its finished one. */
export const auditEntrySchema = auditStartedSchema.omit({ phase: true, at: true }).extend({
  startedAt: epochMs,
  /** `unknown`: started, never finished (the server stopped in between); it is never retried. */
  status: z.enum(['sent', 'failed', 'unknown']),
  finishedAt: epochMs.nullable(),
  result: auditResultSchema.nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

function redactResult(r: AuditResult): AuditResult {
  return r.ok
    ? { ok: true, detail: redactText(r.detail, MAX_RESULT_TEXT_CHARS) }
    : { ok: false, error: redactText(r.error, MAX_RESULT_TEXT_CHARS) };
}

/**
 * An entry as one reader may see it (issue #17.2): the hash and exact size of
 * an unmasked send are null for anyone who may not send unmasked originals
 * themselves, because with the masked event at hand they are an oracle for
 * the masked values (substitute candidates, hash, compare).
 */
export const auditEntryViewSchema = auditEntrySchema.extend({
  payloadSha256: auditEntrySchema.shape.payloadSha256.nullable(),
  payloadBytes: auditEntrySchema.shape.payloadBytes.nullable(),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

/** The entry as a reader sees it: an unmasked send's hash and size withheld unless the reader may unmask. */
export function entryFor(entry: AuditEntry, reader: { unmaskedReplay: boolean }): AuditEntryView {
  return entry.unmasked && !reader.unmaskedReplay ? { ...entry, payloadSha256: null, payloadBytes: null } : entry;
}

/** One replay for the page: its started record joined with its finished one (if any). */
export function toEntry(started: AuditStarted, finished: AuditFinished | undefined): AuditEntry {
  const { phase: _phase, at, ...rest } = started;
  return {
    ...rest,
    startedAt: at,
    status: finished ? (finished.result.ok ? 'sent' : 'failed') : 'unknown',
    finishedAt: finished?.at ?? null,
    // Redacted again on the way out: records written before #17.1 may quote a sink URL with its credentials.
    result: finished ? redactResult(finished.result) : null,
  };
}

/** `GET /api/audit?limit=&before=`: newest first; `before` is the previous page's `nextBefore`. */
export const auditPageSchema = z.object({
  entries: z.array(auditEntryViewSchema),
  /** Pass as `before` for older entries; null at the oldest. */
  nextBefore: z.string().nullable(),
  /** Where the log is kept, e.g. `file .cdcscope/audit.jsonl` or `postgres table cdcscope_audit`. */
  store: z.string(),
  /** Problems met reading the store, e.g. lines skipped after a torn write; shown on the page, never fatal. Absent: none. */
  warnings: z.array(z.string()).optional(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
/** A page as the store returns it, before any field is withheld from its reader. */
export type AuditLogPage = Omit<AuditPage, 'entries'> & { entries: AuditEntry[] };

export const AUDIT_PAGE_DEFAULT_LIMIT = 100;
export const AUDIT_PAGE_MAX_LIMIT = 500;

/** `GET /api/audit` query string. */
export const auditQuerySchema = z
  .object({
    limit: z
      .string()
      .regex(/^\d+$/, 'expected a whole number')
      .transform(Number)
      .pipe(z.number().int().min(1).max(AUDIT_PAGE_MAX_LIMIT))
      .default(AUDIT_PAGE_DEFAULT_LIMIT),
    /** The previous page's `nextBefore`: a byte offset or a row id, so digits only (15 keep it a safe integer). */
    before: z
      .string()
      .regex(/^\d{1,15}$/, 'expected the nextBefore of a previous page')
      .optional(),
  })
  .strict();

export type AuditQuery = z.output<typeof auditQuerySchema>;

/** The query string as an AuditQuery, or one readable error line (`limit: …; unknown parameter x`). */
export function parseAuditQuery(params: URLSearchParams): Result<AuditQuery> {
  return parseSearchParams(auditQuerySchema, params);
}

/** The storage behind the log. Appends resolve once the record is durable (fsync'd or committed). */
export interface AuditLog {
  readonly description: string;
  append(record: AuditRecord): Promise<void>;
  /** The entry of one replay id, whatever its age; undefined when never started. */
  find(replayId: string): Promise<AuditEntry | undefined>;
  /** Whole entries; `GET /api/audit` then shows each as its reader may see it (`entryFor`). */
  page(options: { limit: number; before?: string }): Promise<AuditLogPage>;
  close(): Promise<void>;
}
