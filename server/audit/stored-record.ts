import {
  auditRecordSchema,
  MAX_RESULT_TEXT_CHARS,
  type AuditFinished,
  type AuditRecord,
} from '../../lib/contracts/audit';
import { AuditInvalidRecordError } from './audit-errors';

/**
 * The audit record as stored (a JSON line, or a jsonb row), checked on the way
 * in and on the way out with the contract's schema (lib/contracts/audit.ts):
 * a line read back is never cast.
 */

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
  throw new AuditInvalidRecordError(
    parsed.error.issues.map((i) => `${i.path.join('.') || 'record'}: ${i.message}`).join('; '),
  );
}

function clipResult(result: AuditFinished['result']): AuditFinished['result'] {
  const clip = (s: string) =>
    typeof s === 'string' && s.length > MAX_RESULT_TEXT_CHARS ? `${s.slice(0, MAX_RESULT_TEXT_CHARS - 1)}…` : s;
  return result.ok ? { ok: true, detail: clip(result.detail) } : { ok: false, error: clip(result.error) };
}
