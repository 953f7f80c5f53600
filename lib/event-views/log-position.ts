/**
 * What the inspector's "Log position" column holds, named by kind (issue #12:
 * it mixed PostgreSQL LSNs, MySQL/MariaDB GTIDs and binlog file:pos with the
 * broker's own positions, all unlabelled, so `#88` and `0-1-2220` looked like
 * the same sort of number). Each kind gets a label and a sort key that orders
 * positions of that kind as their log does (`9/0` before `10/0`, offset 9
 * before offset 10); positions of different kinds are never compared by
 * value, only grouped by kind.
 */

export type LogPositionKind = 'lsn' | 'gtid' | 'binlog' | 'kafka' | 'stream-seq' | 'other';

export interface LogPositionView {
  kind: LogPositionKind;
  /** Short label shown before the value: `LSN`, `GTID`, `binlog`, `Kafka`, `seq`. */
  label: string;
  /** The value as the source or broker writes it. */
  text: string;
  /** What it is, for the cell's title. */
  title: string;
  /** Orders positions of one kind as their log does; compare only within a kind. */
  sortKey: string;
}

/** Digits zero-padded to a fixed width, so strings compare as numbers do (positions below 10^20). */
const pad = (digits: string) => digits.replace(/^0+(?=\d)/, '').padStart(20, '0');

const LSN = /^([0-9A-F]{1,8})\/([0-9A-F]{1,8})$/i;
/** MariaDB: domain-server-sequence. */
const MARIADB_GTID = /^(\d+)-(\d+)-(\d+)$/;
/** MySQL: server uuid:transaction number (or a range, as in a GTID set). */
const MYSQL_GTID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}):(\d+)(?:-(\d+))?$/i;
/** A binlog file name (its number last) and, after a colon, the byte position in it. */
const BINLOG = /^(.*?)(\d*)(?::(\d+))?$/;
const KAFKA = /^p(\d+)@(\d+)$/;
const SEQ = /^#(\d+)$/;

/** The source log position of an event if it has one, else where the broker holds it, labelled by kind. */
export function logPositionView(e: { logPosition?: string; position: string }): LogPositionView {
  const log = e.logPosition;
  if (log !== undefined) {
    const lsn = LSN.exec(log);
    if (lsn)
      return {
        kind: 'lsn',
        label: 'LSN',
        text: log,
        title: `PostgreSQL WAL position (LSN) ${log}`,
        sortKey: `${(lsn[1] ?? '').toUpperCase().padStart(8, '0')}${(lsn[2] ?? '').toUpperCase().padStart(8, '0')}`,
      };
    const maria = MARIADB_GTID.exec(log);
    if (maria)
      return {
        kind: 'gtid',
        label: 'GTID',
        text: log,
        title: `MariaDB GTID ${log} (domain-server-sequence): ordered by domain, then sequence`,
        sortKey: `m ${pad(maria[1] ?? '')} ${pad(maria[3] ?? '')} ${pad(maria[2] ?? '')}`,
      };
    const mysql = MYSQL_GTID.exec(log);
    if (mysql)
      return {
        kind: 'gtid',
        label: 'GTID',
        text: log,
        title: `MySQL GTID ${log} (server uuid:transaction): ordered by server, then transaction`,
        sortKey: `u ${(mysql[1] ?? '').toLowerCase()} ${pad(mysql[2] ?? '')}`,
      };
    const [, name = '', number = '', pos] = BINLOG.exec(log) ?? [];
    return {
      kind: 'binlog',
      label: 'binlog',
      text: log,
      title: `MySQL/MariaDB binlog file${pos === undefined ? '' : ' and byte position'} ${log}`,
      sortKey: `${name} ${pad(number || '0')} ${pad(pos ?? '0')}`,
    };
  }
  const kafka = KAFKA.exec(e.position);
  if (kafka)
    return {
      kind: 'kafka',
      label: 'Kafka',
      text: e.position,
      title: `No source log position in this record: Kafka partition ${kafka[1]}, offset ${kafka[2]}`,
      sortKey: `${pad(kafka[1] ?? '')} ${pad(kafka[2] ?? '')}`,
    };
  const seq = SEQ.exec(e.position);
  if (seq)
    return {
      kind: 'stream-seq',
      label: 'seq',
      text: e.position,
      title: `No source log position in this record: stream sequence ${seq[1]} (JetStream, or the demo's)`,
      sortKey: pad(seq[1] ?? ''),
    };
  return { kind: 'other', label: 'broker', text: e.position, title: 'Broker position', sortKey: e.position };
}

const KIND_ORDER: readonly LogPositionKind[] = ['lsn', 'gtid', 'binlog', 'kafka', 'stream-seq', 'other'];

/** Orders by kind first (source positions, then broker ones), then by log order within the kind. */
export function compareLogPositions(a: LogPositionView, b: LogPositionView): number {
  if (a.kind !== b.kind) return KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind);
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}

/** Events by log position: kinds apart in either direction (an LSN is never compared with an offset), log order within each. */
export function sortByLogPosition<T extends { logPosition?: string; position: string }>(
  rows: readonly T[],
  dir: 'ascending' | 'descending',
): T[] {
  const keyed = rows.map((e) => ({ e, v: logPositionView(e) }));
  keyed.sort((a, b) =>
    a.v.kind !== b.v.kind || dir === 'ascending' ? compareLogPositions(a.v, b.v) : compareLogPositions(b.v, a.v),
  );
  return keyed.map((k) => k.e);
}
