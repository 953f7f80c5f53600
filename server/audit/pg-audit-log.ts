import pg from 'pg';
import {
  toEntry,
  type AuditEntry,
  type AuditLog,
  type AuditLogPage,
  type AuditRecord,
  type AuditStarted,
  type AuditFinished,
} from '../../lib/contracts/audit';
import { createAppendQueue } from './append-queue';
import { AuditDuplicateError, AuditUnavailableError, AuditUnknownReplayError } from './audit-errors';
import { parseStoredRecord } from './stored-record';
import { safeErrorText } from '../../lib/redact';

/**
 * The audit log in a PostgreSQL table (`audit.kind: postgres`).
 *
 * One row per record, INSERT only: `unique (replay_id, phase)` makes the
 * database refuse a second started (or finished) record for a replay id, and
 * a finished record is inserted only if its started one exists. An append
 * resolves once its INSERT is committed. The table is created when missing.
 * The database may be down when the server starts, or go away later: every
 * call then rejects with an AuditUnavailableError naming the cause (nothing is
 * sent without a record), and the table is created on the first call that
 * reaches the database. The cursor (`before`, `nextBefore`) is the started
 * row's `id`.
 */

/** Connections held at most; appends are one INSERT each and pages one query, so a few suffice. */
const POOL_MAX = 4;
/** A database that does not answer within this is reported unavailable rather than left hanging the replay. */
const CONNECT_TIMEOUT_MS = 5_000;
const STATEMENT_TIMEOUT_MS = 15_000;

export interface PgAuditConfig {
  connectionString: string;
  /** `table` or `schema.table`, already checked by the configuration schema. */
  table: string;
}

type Row = { id: string; started: unknown; finished: unknown };

/**
 * Connects and creates the table before resolving, so a wrong address or
 * password stops start-up with the reason instead of failing the first replay.
 */
export async function openPgAuditLog(config: PgAuditConfig, options: PgAuditOptions = {}): Promise<AuditLog> {
  const log = createPgAuditLog(config, options);
  try {
    await log.find('');
  } catch (err) {
    await log.close().catch(() => undefined);
    throw err;
  }
  return log;
}

export interface PgAuditOptions {
  /** Where errors of idle connections go (default: stderr); they never end the process. */
  onPoolError?: (err: Error) => void;
}

/** The log without a first connection: every call connects (and creates the table) when it can. */
export function createPgAuditLog(config: PgAuditConfig, options: PgAuditOptions = {}): AuditLog {
  const description = `postgres table ${config.table}${where(config.connectionString)}`;
  const pool = new pg.Pool({
    connectionString: config.connectionString,
    max: POOL_MAX,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    statement_timeout: STATEMENT_TIMEOUT_MS,
  });
  // An idle connection dropped by the server emits 'error' on the pool; unhandled, it would end the process.
  pool.on('error', (err) =>
    (options.onPoolError ?? ((e: Error) => console.error(`cdcscope: audit log (${description}): ${e.message}`)))(err),
  );

  const table = config.table
    .split('.')
    .map((part) => pg.escapeIdentifier(part))
    .join('.');
  const localName = config.table.split('.').at(-1) as string;
  let ready: Promise<void> | undefined;
  const unavailable = (err: unknown) =>
    new AuditUnavailableError(`audit log (${description}) unavailable: ${safeErrorText(err) || String(err)}`, {
      cause: err,
    });

  /** Creates the table once; a failure is retried by the next call. */
  const ensureTable = (): Promise<void> => {
    ready ??= (async () => {
      await pool.query(`CREATE TABLE IF NOT EXISTS ${table} (
        id bigserial PRIMARY KEY,
        replay_id text NOT NULL,
        phase text NOT NULL CHECK (phase IN ('started', 'finished')),
        at timestamptz NOT NULL,
        record jsonb NOT NULL,
        UNIQUE (replay_id, phase)
      )`);
      // Pages walk started rows by id, newest first.
      await pool.query(
        `CREATE INDEX IF NOT EXISTS ${pg.escapeIdentifier(`${localName}_started_id_idx`)} ON ${table} (id) WHERE phase = 'started'`,
      );
    })().catch((err: unknown) => {
      ready = undefined;
      // Two servers creating the table at once: the loser sees a duplicate catalog entry, and the table exists.
      if (isPgCode(err, '23505') || isPgCode(err, '42P07')) return;
      throw err;
    });
    return ready;
  };

  /** Runs a query after the table exists; database failures become AuditUnavailableError. */
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> => {
    try {
      await ensureTable();
      return await pool.query<R>(text, values);
    } catch (err) {
      if (isPgCode(err, '23505')) throw err;
      throw unavailable(err);
    }
  };

  const insert = async (record: AuditRecord) => {
    const values = [record.replayId, record.phase, record.at, JSON.stringify(record)];
    const row = `SELECT $1::text, $2::text, to_timestamp($3::double precision / 1000), $4::jsonb`;
    try {
      if (record.phase === 'started') {
        await query(`INSERT INTO ${table} (replay_id, phase, at, record) ${row}`, values);
        return;
      }
      const result = await query(
        `INSERT INTO ${table} (replay_id, phase, at, record) ${row} WHERE EXISTS (SELECT 1 FROM ${table} WHERE replay_id = $1 AND phase = 'started')`,
        values,
      );
      if (result.rowCount === 0) throw new AuditUnknownReplayError(record.replayId);
    } catch (err) {
      if (isPgCode(err, '23505')) throw new AuditDuplicateError(record.replayId, record.phase);
      throw err;
    }
  };

  const appends = createAppendQueue(`(${description})`, insert);
  return {
    description,
    // One INSERT at a time, as the file log writes: row ids (the page order) follow the order of the calls.
    append: appends.append,
    async find(replayId): Promise<AuditEntry | undefined> {
      appends.refuseIfClosed();
      const { rows } = await query<{ record: unknown }>(`SELECT record FROM ${table} WHERE replay_id = $1`, [replayId]);
      const records = rows.map((r) => parseStoredRecord(r.record));
      const started = records.find((r): r is AuditStarted => r?.phase === 'started');
      const finished = records.find((r): r is AuditFinished => r?.phase === 'finished');
      return started && toEntry(started, finished);
    },
    async page({ limit, before }): Promise<AuditLogPage> {
      appends.refuseIfClosed();
      const { rows } = await query<Row>(
        `SELECT s.id::text AS id, s.record AS started, f.record AS finished
           FROM ${table} s LEFT JOIN ${table} f ON f.replay_id = s.replay_id AND f.phase = 'finished'
          WHERE s.phase = 'started' AND ($1::bigint IS NULL OR s.id < $1::bigint)
          ORDER BY s.id DESC LIMIT $2`,
        [before ?? null, limit + 1],
      );
      const more = rows.length > limit;
      const mine = rows.slice(0, limit);
      const entries: AuditEntry[] = [];
      let unreadable = 0;
      for (const row of mine) {
        const started = parseStoredRecord(row.started);
        const finished = row.finished === null ? undefined : parseStoredRecord(row.finished);
        if (started?.phase !== 'started' || (finished && finished.phase !== 'finished')) unreadable++;
        else entries.push(toEntry(started, finished));
      }
      const last = mine.at(-1);
      return {
        entries,
        nextBefore: more && last ? last.id : null,
        store: description,
        warnings:
          unreadable > 0
            ? [
                `${unreadable} row${unreadable === 1 ? '' : 's'} of this page could not be read and ${unreadable === 1 ? 'was' : 'were'} skipped (changed outside cdcscope?)`,
              ]
            : [],
      };
    },
    async close() {
      if (await appends.close()) await pool.end();
    },
  };
}

function isPgCode(err: unknown, code: string): boolean {
  return (err as { code?: unknown } | null)?.code === code;
}

/** ` on host:port/db` from a connection URL, never its credentials; empty for anything else. */
function where(connectionString: string): string {
  try {
    const url = new URL(connectionString);
    return url.host ? ` on ${url.host}${url.pathname.length > 1 ? url.pathname : ''}` : '';
  } catch {
    return '';
  }
}
