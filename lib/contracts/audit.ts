import type { Role } from '../auth/roles';

/**
 * The replay audit log (issue #5): append-only records, two per replay. A
 * `started` record is written (and flushed) before anything is sent, a
 * `finished` record after, so a crash in between leaves a replay whose
 * outcome is `unknown` rather than one nobody knows was attempted; and the
 * replay id is known after a restart, so a retried request is never sent twice.
 */

export type SinkKind = 'kafka' | 'nats' | 'http' | 'demo';

/** A sink as the browser may see it: no URL credentials, no headers, no broker addresses. */
export interface SinkRef {
  id: string;
  kind: SinkKind;
  /** Topic, subject (with `jetstream`/`core`), or the URL's origin and path. */
  target: string;
}

/** The replayed event as it was found. */
export interface AuditEventRef {
  /** Inspector id, `<sourceId>:<channel>:<position>`. */
  id: string;
  sourceId: string;
  /** Topic or subject it was read from. */
  channel: string;
  /** `p3@1042` or `#88`. */
  position: string;
  tableKey: string | null;
}

export interface AuditActor {
  /** Null only with auth off (the demo), where the actor is anonymous. */
  user: string | null;
  role: Role;
  via: 'session' | 'token' | 'anonymous';
}

interface AuditRecordBase {
  replayId: string;
  /** Epoch ms when this record was written. */
  at: number;
}

export interface AuditStarted extends AuditRecordBase {
  phase: 'started';
  actor: AuditActor;
  event: AuditEventRef;
  sink: SinkRef;
  /** Hex SHA-256 of the value bytes sent. */
  payloadSha256: string;
  payloadBytes: number;
  /** The operator changed the payload before sending. */
  edited: boolean;
  /** The unmasked original was sent (needs the `unmaskedReplay` permission). */
  unmasked: boolean;
}

export interface AuditFinished extends AuditRecordBase {
  phase: 'finished';
  result: AuditResult;
}

export type AuditResult =
  /** `detail`: where it landed, e.g. `p0@17`, `stream REPLAY seq 5`, `HTTP 202`. */
  | { ok: true; detail: string }
  | { ok: false; error: string };

export type AuditRecord = AuditStarted | AuditFinished;

/** One replay as the audit page shows it: its started record joined with its finished one. */
export interface AuditEntry extends Omit<AuditStarted, 'phase' | 'at'> {
  startedAt: number;
  /** `unknown`: started, never finished (the server stopped in between); it is never retried. */
  status: 'sent' | 'failed' | 'unknown';
  finishedAt: number | null;
  result: AuditResult | null;
}

/** `GET /api/audit?limit=&before=`: newest first; `before` is the previous page's `nextBefore`. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for older entries; null at the oldest. */
  nextBefore: string | null;
  /** Where the log is kept, e.g. `file .cdcscope/audit.jsonl` or `postgres table cdcscope_audit`. */
  store: string;
  /** Problems met reading the store, e.g. lines skipped after a torn write; shown on the page, never fatal. Absent: none. */
  warnings?: string[];
}

export const AUDIT_PAGE_DEFAULT_LIMIT = 100;
export const AUDIT_PAGE_MAX_LIMIT = 500;

/** The storage behind the log. Appends resolve once the record is durable (fsync'd or committed). */
export interface AuditLog {
  readonly description: string;
  append(record: AuditRecord): Promise<void>;
  /** The entry of one replay id, whatever its age; undefined when never started. */
  find(replayId: string): Promise<AuditEntry | undefined>;
  page(options: { limit: number; before?: string }): Promise<AuditPage>;
  close(): Promise<void>;
}
