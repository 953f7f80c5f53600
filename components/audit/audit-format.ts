import type { AuditActor, AuditEntry, SinkRef } from '@/lib/contracts/audit';
import type { Tone } from '../lag/lag-status';

/**
 * Pure helpers for the audit page: labels, tones and the URL. Everything
 * returns plain text: ids, targets and errors come from outside and are
 * rendered as text only.
 */

/** Hex digits of the payload hash shown in the table; the full hash is in the tooltip and copied by the button. */
export const SHORT_HASH_CHARS = 12;

export function shortHash(hex: string): string {
  return hex.length > SHORT_HASH_CHARS ? `${hex.slice(0, SHORT_HASH_CHARS)}…` : hex;
}

export function statusTone(status: AuditEntry['status']): Tone {
  return status === 'sent' ? 'ok' : status === 'failed' ? 'err' : 'warn';
}

/** What the status cell says beside the badge: where it landed, why it failed, or why nobody knows. */
export function statusText(entry: Pick<AuditEntry, 'status' | 'result'>): string {
  if (entry.result) return entry.result.ok ? entry.result.detail : entry.result.error;
  return 'started, never finished: the server stopped before the result was recorded; never retried';
}

export function actorText(actor: AuditActor): string {
  return actor.user ?? 'anonymous';
}

export function actorTitle(actor: AuditActor): string {
  return `${actor.user ?? 'anonymous'} · ${actor.role} · via ${actor.via}`;
}

/** A connector action as the Event column says it: `pause replica_a`, `restart task 0 of demo_b`. */
export function actionText(action: NonNullable<AuditEntry['action']>): string {
  return action.kind === 'restart-task'
    ? `restart task ${action.task ?? 0} of ${action.connector}`
    : `${action.kind} ${action.connector}`;
}

export function sinkText(sink: SinkRef): string {
  return `${sink.kind} ${sink.target}`;
}

/** Local date and time with seconds, `2026-11-23 14:03:07`: a log wants the date, not only "ago". */
export function formatDateTime(at: number): string {
  const d = new Date(at);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function auditUrl(before: string | undefined, limit: number): string {
  const p = new URLSearchParams({ limit: String(limit) });
  if (before !== undefined) p.set('before', before);
  return `/api/audit?${p.toString()}`;
}
