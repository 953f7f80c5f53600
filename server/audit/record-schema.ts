import { z } from 'zod';
import { ROLES } from '../../lib/auth/roles';
import type { AuditEntry, AuditFinished, AuditRecord, AuditStarted } from '../../lib/contracts/audit';
import { AuditInvalidRecordError } from './audit-errors';

/**
 * The audit record as stored (a JSON line, or a jsonb row), checked on the way
 * in and on the way out: a line read back is never cast. Every string has a
 * cap, so one record is at most ~12 KB and a stored line can never be longer
 * than the reader's line limit (`MAX_LINE_BYTES`).
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

const startedSchema = z.object({
  replayId: z.string().min(1).max(MAX_REPLAY_ID_CHARS),
  at: epochMs,
  phase: z.literal('started'),
  actor: z.object({ user: z.string().min(1).max(256).nullable(), role: z.enum(ROLES), via: z.enum(['session', 'token', 'anonymous']) }),
  event: z.object({ id: name, sourceId: name, channel: name, position: name, tableKey: name.nullable() }),
  sink: z.object({ id: name, kind: z.enum(['kafka', 'nats', 'http', 'demo']), target: name }),
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected a lowercase hex SHA-256'),
  payloadBytes: z.number().int().nonnegative(),
  edited: z.boolean(),
  unmasked: z.boolean(),
});

const resultText = z.string().max(MAX_RESULT_TEXT_CHARS);
const finishedSchema = z.object({
  replayId: z.string().min(1).max(MAX_REPLAY_ID_CHARS),
  at: epochMs,
  phase: z.literal('finished'),
  result: z.discriminatedUnion('ok', [z.object({ ok: z.literal(true), detail: resultText }), z.object({ ok: z.literal(false), error: resultText })]),
});

export const auditRecordSchema = z.discriminatedUnion('phase', [startedSchema, finishedSchema]);

// Compile-time guard: the schema's output must stay assignable to the contract types.
const _startedFits: (r: z.output<typeof startedSchema>) => AuditStarted = (r) => r;
const _finishedFits: (r: z.output<typeof finishedSchema>) => AuditFinished = (r) => r;
void _startedFits;
void _finishedFits;

/** A stored record read back: the record, or undefined when it does not fit (counted by the caller, never fatal). */
export function parseStoredRecord(json: unknown): AuditRecord | undefined {
  const parsed = auditRecordSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** A record about to be stored: clipped result text, then checked; throws AuditInvalidRecordError with the reasons. */
export function checkRecordForAppend(record: AuditRecord): AuditRecord {
  const clipped = record.phase === 'finished' ? { ...record, result: clipResult(record.result) } : record;
  const parsed = auditRecordSchema.safeParse(clipped);
  if (parsed.success) return parsed.data;
  throw new AuditInvalidRecordError(parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; '));
}

function clipResult(result: AuditFinished['result']): AuditFinished['result'] {
  const clip = (s: string) => (typeof s === 'string' && s.length > MAX_RESULT_TEXT_CHARS ? `${s.slice(0, MAX_RESULT_TEXT_CHARS - 1)}…` : s);
  return result.ok ? { ok: true, detail: clip(result.detail) } : { ok: false, error: clip(result.error) };
}

/** One replay for the page: its started record joined with its finished one (if any). */
export function toEntry(started: AuditStarted, finished: AuditFinished | undefined): AuditEntry {
  const { phase: _phase, at, ...rest } = started;
  void _phase;
  return {
    ...rest,
    startedAt: at,
    status: finished ? (finished.result.ok ? 'sent' : 'failed') : 'unknown',
    finishedAt: finished?.at ?? null,
    result: finished?.result ?? null,
  };
}
