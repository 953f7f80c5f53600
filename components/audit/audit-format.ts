import type { AuditActor, AuditEntry, AuditPage, SinkRef } from '@/lib/contracts/audit';
import type { Tone } from '../lag/lag-status';

/**
 * Pure helpers for the audit page: labels, tones, the URL, and the shape
 * check of `GET /api/audit`. Everything returns plain text: ids, targets and
 * errors come from outside and are rendered as text only.
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

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNum = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/** What the table reads of one entry; shallow beyond that (rendering is text-only anyway). */
export function isAuditEntry(x: unknown): x is AuditEntry {
  return (
    isObj(x) &&
    isStr(x.replayId) &&
    isNum(x.startedAt) &&
    (x.finishedAt === null || isNum(x.finishedAt)) &&
    (x.status === 'sent' || x.status === 'failed' || x.status === 'unknown') &&
    isObj(x.actor) &&
    (x.actor.user === null || isStr(x.actor.user)) &&
    isObj(x.event) &&
    isStr(x.event.id) &&
    isStr(x.event.position) &&
    isObj(x.sink) &&
    isStr(x.sink.kind) &&
    isStr(x.sink.target) &&
    isStr(x.payloadSha256) &&
    isNum(x.payloadBytes) &&
    typeof x.edited === 'boolean' &&
    typeof x.unmasked === 'boolean' &&
    (x.result === null || (isObj(x.result) && (x.result.ok === true ? isStr(x.result.detail) : isStr(x.result.error))))
  );
}

export function isAuditPage(x: unknown): x is AuditPage {
  return (
    isObj(x) &&
    Array.isArray(x.entries) &&
    x.entries.every(isAuditEntry) &&
    (x.nextBefore === null || isStr(x.nextBefore)) &&
    isStr(x.store) &&
    (x.warnings === undefined || (Array.isArray(x.warnings) && x.warnings.every(isStr)))
  );
}
