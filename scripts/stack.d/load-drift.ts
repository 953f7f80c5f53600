/**
 * Schema drift for `scripts/stack load` (issue 13 item 3): now and then an
 * `ALTER TABLE products ADD COLUMN drift_<time>` on the database (MariaDB's
 * primary, replicated to both replicas, and PostgreSQL), followed at once by a
 * product written in the new shape, so the dashboard's schema timeline, the
 * schema-change topic and the drift badge have something real to show.
 *
 * Safe to repeat forever: column names are unique (`drift_` + the time in
 * base 36, which sorts by age), a run adds at most `maxPerRun`, and a table
 * keeps at most MAX_DRIFT_COLUMNS of them: past that the oldest is dropped
 * first (a removed column is drift too). Only `products` is altered, and only
 * with nullable columns, so every other statement of the generator (explicit
 * column lists) and every test that writes other tables sees the same shape.
 */

/** What the drift needs of the generator's database handle (load.ts). */
export interface SqlDb {
  name: string;
  q(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  now: string;
}

export const DRIFT_TABLE = 'products';
export const DRIFT_PREFIX = 'drift_';
/** Drift columns a table keeps across runs (the stack's data outlives a run): the oldest goes first. */
export const MAX_DRIFT_COLUMNS = 4;

export interface DriftPlan {
  /** Seconds between two ALTERs of one database, the first one after as long; 0 = never. */
  everySeconds: number;
  /** ALTERs per database and run at most. */
  maxPerRun: number;
}

/** The drift columns of the table, oldest first. */
async function driftColumns(db: SqlDb): Promise<string[]> {
  const my = db.name === 'mariadb';
  const rows = await db.q(
    `SELECT column_name AS name FROM information_schema.columns
      WHERE table_schema = ${my ? 'DATABASE()' : 'current_schema()'} AND table_name = ? AND column_name LIKE ?`,
    [DRIFT_TABLE, `${DRIFT_PREFIX}%`],
  );
  return rows.map((r) => String(r.name ?? r.NAME)).sort();
}

/** A fresh column name: the time in base 36 (fixed width until 2059), plus a random tail so two runs never collide. */
export function driftColumnName(now: number, random = Math.random()): string {
  return `${DRIFT_PREFIX}${now.toString(36)}${Math.floor(random * 36 ** 2)
    .toString(36)
    .padStart(2, '0')}`;
}

/**
 * One drift step: drop the oldest drift column if the table has its fill, add a new
 * one (text or integer, by turns), then write one product in the new shape.
 * Returns what it did, for the generator's summary.
 */
export async function driftOnce(db: SqlDb, now = Date.now()): Promise<string[]> {
  const done: string[] = [];
  const existing = await driftColumns(db);
  for (const old of existing.slice(0, Math.max(0, existing.length - MAX_DRIFT_COLUMNS + 1))) {
    await db.q(`ALTER TABLE ${DRIFT_TABLE} DROP COLUMN ${old}`);
    done.push(`dropped ${old}`);
  }
  const column = driftColumnName(now);
  const text = existing.length % 2 === 0;
  await db.q(`ALTER TABLE ${DRIFT_TABLE} ADD COLUMN ${column} ${text ? 'VARCHAR(40)' : 'INT'} NULL`);
  done.push(`added ${column}`);
  const row = await db.q(`SELECT id FROM ${DRIFT_TABLE} ORDER BY id DESC LIMIT 1`);
  const id = row[0]?.id;
  if (id !== undefined)
    await db.q(`UPDATE ${DRIFT_TABLE} SET ${column} = ?, updated_at = ${db.now} WHERE id = ?`, [
      text ? 'drifted' : 42,
      Number(id),
    ]);
  return done;
}

/** Whether a drift step is due: `elapsedMs` into the run, `done` steps so far. */
export function driftDue(plan: DriftPlan, elapsedMs: number, done: number): boolean {
  if (plan.everySeconds <= 0 || done >= plan.maxPerRun) return false;
  return elapsedMs >= (done + 1) * plan.everySeconds * 1000;
}
