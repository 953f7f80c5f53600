/**
 * Errors the replay code must tell apart. Each carries a `code` as well as its
 * class, so a caller can check `err.code` even across module copies (tests,
 * bundlers), where `instanceof` may fail.
 */

/** A record for this replay id and phase is already in the log: the replay was started (or finished) before. */
export class AuditDuplicateError extends Error {
  readonly code = 'AUDIT_DUPLICATE';
  constructor(
    readonly replayId: string,
    readonly phase: 'started' | 'finished',
  ) {
    super(`replay ${replayId} already has a ${phase} record in the audit log`);
    this.name = 'AuditDuplicateError';
  }
}

/** A finished record for a replay id that was never started: a bug in the caller, refused so the log stays joinable. */
export class AuditUnknownReplayError extends Error {
  readonly code = 'AUDIT_UNKNOWN_REPLAY';
  constructor(readonly replayId: string) {
    super(`replay ${replayId} has no started record in the audit log`);
    this.name = 'AuditUnknownReplayError';
  }
}

/** The record does not fit the audit record schema (or its size limits). */
export class AuditInvalidRecordError extends Error {
  readonly code = 'AUDIT_INVALID_RECORD';
  constructor(message: string) {
    super(`invalid audit record: ${message}`);
    this.name = 'AuditInvalidRecordError';
  }
}

/**
 * The store cannot be used right now (database unreachable, disk failure,
 * log closed). Nothing was recorded, so nothing may be sent.
 */
export class AuditUnavailableError extends Error {
  readonly code = 'AUDIT_UNAVAILABLE';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuditUnavailableError';
  }
}

export function isAuditDuplicate(err: unknown): err is AuditDuplicateError {
  return (err as { code?: unknown } | null)?.code === 'AUDIT_DUPLICATE';
}

export function isAuditUnavailable(err: unknown): err is AuditUnavailableError {
  return (err as { code?: unknown } | null)?.code === 'AUDIT_UNAVAILABLE';
}
