import type { ChangeRecord } from '../contracts/change-event';
import type { EventIdentityConfig } from '../config/replicas-schema';
import type { IdentityBasis } from '../contracts/replicas';
import { canonicalJson } from './content-hash';
import { compileFieldPath } from './field-path';

/**
 * # Event identity: when are two copies "the same event"?
 *
 * Each side of a replica pair delivers its own copy of a change. The pairing
 * engine matches copies by an identity string built from fields that are
 * equal on both servers and differ between distinct changes.
 *
 * | rule | id built from | used by `auto` when |
 * |---|---|---|
 * | `gtid` | GTID + table (no server prefix) + key + place within the GTID | MySQL/MariaDB record with a GTID |
 * | `pg-lsn` | LSN + txId + table + key | PostgreSQL record with an LSN |
 * | `content-hash` | table, op, key, before, after (53-bit hash) | anything else (snapshot reads, MySQL without GTIDs, other connectors) |
 * | `outbox` | the outbox row's id column (default `id`) | never (configure it) |
 * | `fields` | listed paths, e.g. `after.id`, `source.gtid` | never |
 * | `header` | one message header | never |
 *
 * Binlog file/pos, server_id and thread differ on every server, so they are
 * never part of an id; neither is the server prefix of the topic.
 *
 * **Place within a GTID** (`place`): one GTID is a whole transaction, which
 * may change the same row more than once.
 * - `occurrence` (default): the n-th distinct change of (GTID, table, key)
 *   seen on a side gets `#n`. A copy equal in content to an earlier
 *   occurrence on the same side is a redelivery (a duplicate), not a new
 *   event. Copies match immediately only when their content is equal, so
 *   occurrences delivered in another order, or one missing on a side, pair
 *   correctly; copies with other content wait, and are paired as divergent
 *   when the first passes the grace period (pair-accounting.ts, pairAtGrace).
 *   Works whatever the connectors' settings. What can go wrong: a
 *   transaction making the same change twice (x: 1→2, 2→1, 1→2) counts the
 *   repeat as a duplicate; divergence shows only after the grace period; and
 *   when a side lacks an occurrence AND another one diverges, which copies
 *   pair up is a guess (the lowest `#n`).
 * - `row`: also `source.row` (the row inside one binlog rows event). Exact
 *   only when both servers split rows events alike (same
 *   `binlog_row_event_max_size`); otherwise occurrences of one statement
 *   get different rows and never match.
 * - `transaction`: `transaction.data_collection_order` (exact, no
 *   occurrence counting). Needs `provide.transaction.metadata=true` on BOTH
 *   connectors: a side without it falls back to `occurrence`, and its copies
 *   then never match the other side's.
 *
 * **What an identity cannot tell apart**: content-hash ids cannot separate
 * two identical changes (same op, key, before, after), e.g. a snapshot read
 * repeated, or a flag toggled back and forth: the second is a duplicate.
 * Header and field ids are only as unique as the values chosen. A record
 * whose rule field is missing (no GTID on a snapshot read, no header) falls
 * back to the content hash: `idBasis` in the pair summary counts both.
 *
 * Every id ends with `|` and the key's canonical JSON (sorted fields, cut at
 * 256 characters) so the key can be shown from the id without storing it.
 */
export interface EventIdentity {
  id: string;
  /** When true, a repeated id with different content on one side is a further occurrence (`#n`), not a duplicate. */
  ordinal: boolean;
  basis: IdentityBasis;
  /** Canonical key JSON: `id` ends with it. */
  key: string;
}

/** `fingerprint` is the change's content hash (fingerprintChange), computed once by the caller. */
export type Identify = (record: ChangeRecord, fingerprint: number) => EventIdentity;

/** Keys longer than this are cut and hashed: ids stay small, and stay unique. */
export const MAX_KEY_CHARS = 256;
/** Field and header values in ids, same reason. */
const MAX_VALUE_CHARS = 256;

function keyOf(record: ChangeRecord): string {
  return canonicalJson(record.key ?? null, MAX_KEY_CHARS);
}

function contentId(record: ChangeRecord, fingerprint: number, key: string): EventIdentity {
  return { id: `c|${record.table}|${fingerprint.toString(36)}|${key}`, ordinal: false, basis: 'content', key };
}

function gtidId(record: ChangeRecord, place: string, key: string): EventIdentity | undefined {
  const p = record.source.position;
  if (p.kind !== 'mysql' || p.gtid === undefined) return undefined;
  if (place === 'transaction') {
    const order = record.transaction?.dataCollectionOrder;
    if (order !== undefined)
      return { id: `g|${p.gtid}|${record.table}|o${order}|${key}`, ordinal: false, basis: 'gtid', key };
  } else if (place === 'row') {
    return { id: `g|${p.gtid}|${record.table}|r${p.row ?? 0}|${key}`, ordinal: true, basis: 'gtid', key };
  }
  return { id: `g|${p.gtid}|${record.table}|${key}`, ordinal: true, basis: 'gtid', key };
}

function lsnId(record: ChangeRecord, key: string): EventIdentity | undefined {
  const p = record.source.position;
  if (p.kind !== 'postgresql' || p.lsn === undefined) return undefined;
  return { id: `l|${p.lsn}|${p.txId ?? ''}|${record.table}|${key}`, ordinal: false, basis: 'lsn', key };
}

function valueText(v: unknown): string {
  return typeof v === 'string'
    ? v.length <= MAX_VALUE_CHARS
      ? v
      : canonicalJson(v, MAX_VALUE_CHARS)
    : canonicalJson(v, MAX_VALUE_CHARS);
}

/** Builds the identity function of a pair. Throws on field paths no record could have. */
export function createEventIdentity(config: EventIdentityConfig = { kind: 'auto' }): Identify {
  switch (config.kind) {
    case 'auto': {
      const place = config.place ?? 'occurrence';
      return (r, fp) => {
        const key = keyOf(r);
        return gtidId(r, place, key) ?? lsnId(r, key) ?? contentId(r, fp, key);
      };
    }
    case 'gtid': {
      const place = config.place ?? 'occurrence';
      return (r, fp) => {
        const key = keyOf(r);
        return gtidId(r, place, key) ?? contentId(r, fp, key);
      };
    }
    case 'pg-lsn':
      return (r, fp) => {
        const key = keyOf(r);
        return lsnId(r, key) ?? contentId(r, fp, key);
      };
    case 'content-hash':
      return (r, fp) => contentId(r, fp, keyOf(r));
    case 'outbox': {
      const column = config.column ?? 'id';
      return (r, fp) => {
        const key = keyOf(r);
        const v = r.after?.[column] ?? r.before?.[column];
        if (v === undefined || v === null) return contentId(r, fp, key);
        return { id: `o|${valueText(v)}|${key}`, ordinal: false, basis: 'outbox', key };
      };
    }
    case 'fields': {
      const readers = config.paths.map(compileFieldPath);
      return (r, fp) => {
        const key = keyOf(r);
        let id = 'f';
        let found = false;
        for (const read of readers) {
          const v = read(r);
          if (v !== undefined && v !== null) found = true;
          id += `|${v === undefined ? '' : valueText(v)}`;
        }
        return found ? { id: `${id}|${key}`, ordinal: false, basis: 'fields', key } : contentId(r, fp, key);
      };
    }
    case 'header': {
      const name = config.name;
      return (r, fp) => {
        const key = keyOf(r);
        const v = r.headers[name];
        if (v === undefined || v === '') return contentId(r, fp, key);
        return { id: `h|${valueText(v)}|${key}`, ordinal: false, basis: 'header', key };
      };
    }
  }
}

/** One line for the UI: which rule a pair uses. */
export function describeIdentity(config: EventIdentityConfig = { kind: 'auto' }): string {
  const place = (p: string | undefined) =>
    p === 'transaction' ? 'transaction order' : p === 'row' ? 'row + occurrence' : 'occurrence';
  switch (config.kind) {
    case 'auto':
      return `auto: GTID + table + key + ${place(config.place)} (MySQL/MariaDB), LSN + txId + table + key (PostgreSQL), else content hash`;
    case 'gtid':
      return `GTID + table + key + ${place(config.place)}, else content hash`;
    case 'pg-lsn':
      return 'LSN + txId + table + key, else content hash';
    case 'content-hash':
      return 'content hash of table, op, key, before, after';
    case 'outbox':
      return `outbox id column "${config.column ?? 'id'}", else content hash`;
    case 'fields':
      return `fields ${config.paths.join(', ')}, else content hash`;
    case 'header':
      return `header "${config.name}", else content hash`;
  }
}
