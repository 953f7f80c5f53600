import type { ChangeRecord, Row } from '../contracts/change-event';

/** Longest key rendering kept in a list item: list rows have one line for it. */
export const MAX_KEY_CHARS = 200;
/** Longest DDL statement kept as a summary. */
export const MAX_SUMMARY_CHARS = 200;

export function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function renderValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value);
  } catch {
    return '[unrenderable]';
  }
}

/** `id=42`, `order_id=7,line=2`: the key as a user would type it in a WHERE clause, capped. */
export function renderKey(key: Row | undefined): string | undefined {
  if (key === undefined) return undefined;
  const parts: string[] = [];
  let length = 0;
  for (const field in key) {
    const part = `${field}=${renderValue(key[field])}`;
    parts.push(part);
    length += part.length + 1;
    if (length > MAX_KEY_CHARS) break;
  }
  return clip(parts.join(','), MAX_KEY_CHARS);
}

/** PostgreSQL's own LSN notation, `16/B374D848`: high and low 32 bits in hex, as `pg_current_wal_lsn()` prints it. */
export function formatLsn(lsn: number): string {
  const high = Math.floor(lsn / 2 ** 32);
  const low = lsn - high * 2 ** 32;
  return `${high.toString(16).toUpperCase()}/${low.toString(16).toUpperCase()}`;
}

/** Where in the source log a change sits: LSN (PostgreSQL), GTID, or binlog `file:pos` (MySQL/MariaDB). */
export function logPositionOf(rec: ChangeRecord): string | undefined {
  const p = rec.source.position;
  if (p.kind === 'postgresql') return p.lsn === undefined ? undefined : formatLsn(p.lsn);
  if (p.kind === 'mysql') {
    if (p.gtid !== undefined) return p.gtid;
    if (p.file !== undefined) return p.pos === undefined ? p.file : `${p.file}:${p.pos}`;
  }
  return undefined;
}

/**
 * The database's transaction id: PostgreSQL's `txId`; otherwise the
 * transaction-metadata id, or the MySQL/MariaDB GTID (one per transaction).
 */
export function txIdOf(rec: ChangeRecord): string | undefined {
  const p = rec.source.position;
  if (p.kind === 'postgresql' && p.txId !== undefined) return String(p.txId);
  if (rec.transaction !== undefined) return rec.transaction.id;
  return p.kind === 'mysql' ? p.gtid : undefined;
}
