import type { DemoRow } from './sample-schema';

/**
 * The demo's planned schema changes (issue 13 section 3): a MariaDB table
 * gains a column 45 s after the demo starts and every 3 minutes after that,
 * announced on the connectors' schema-change topics (`demo_a`, `demo_b`) as
 * an ALTER with its `tableChanges`, and carried by the table's rows from then
 * on. Bounded: a table keeps at most MAX_EXTRA_COLUMNS added columns; past
 * that the step drops its oldest instead (a removed column is drift too).
 */
export const DRIFT_FIRST_MS = 45_000;
export const DRIFT_EVERY_MS = 180_000;
export const MAX_EXTRA_COLUMNS = 3;

export interface DriftStep {
  /** Index of the table in the demo's MariaDB tables. */
  table: number;
  add?: string;
  remove?: string;
}

export function createDemoDrift(tableCount: number) {
  let next: number | undefined;
  let steps = 0;
  const extras: string[][] = Array.from({ length: tableCount }, () => []);
  return {
    /** The step due at `now`, if any; the first call fixes the schedule's start. */
    due(now: number): DriftStep | undefined {
      next ??= now + DRIFT_FIRST_MS;
      if (now < next || tableCount === 0) return undefined;
      next += DRIFT_EVERY_MS;
      const table = steps++ % tableCount;
      const cols = extras[table] ?? [];
      if (cols.length >= MAX_EXTRA_COLUMNS) return { table, remove: cols.shift() };
      const add = `promo_code_${steps}`;
      cols.push(add);
      return { table, add };
    },
    /** The columns added to a table so far, oldest first. */
    extras: (table: number): readonly string[] => extras[table] ?? [],
  };
}
export type DemoDrift = ReturnType<typeof createDemoDrift>;

/** A row in the table's current shape: its added columns set (kept when present), removed ones gone. */
export function shapeRow(row: DemoRow, extras: readonly string[]): DemoRow {
  const out: DemoRow = {};
  for (const [k, v] of Object.entries(row)) if (!k.startsWith('promo_code_') || extras.includes(k)) out[k] = v;
  for (const c of extras) if (!(c in out)) out[c] = promoCode(row, c);
  return out;
}

/**
 * An added column's value, fixed per row and column: a row's before image must equal its
 * previous after image (row history checks that chain), so it cannot be drawn afresh each time.
 */
export function promoCode(row: DemoRow, column: string): string | null {
  let h = 0;
  for (const ch of `${String(row.id)}:${column}`) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h % 2 === 0 ? `SPRING${10 + (h % 90)}` : null;
}

/** A MariaDB connector's schema-change event for one ALTER (the value on topic `<server>`). */
export function schemaChangeValue(input: {
  server: string;
  db: string;
  table: string;
  pk: string;
  ddl: string;
  now: number;
}): Record<string, unknown> {
  return {
    source: {
      version: '3.5.0.Final',
      connector: 'mariadb',
      name: input.server,
      ts_ms: input.now,
      snapshot: 'false',
      db: input.db,
      table: input.table,
      server_id: 201,
      file: 'mysql-bin.000003',
      pos: 4,
      row: 0,
    },
    ts_ms: input.now,
    databaseName: input.db,
    schemaName: null,
    ddl: input.ddl,
    tableChanges: [
      {
        type: 'ALTER',
        id: `"${input.db}"."${input.table}"`,
        table: { defaultCharsetName: 'utf8mb4', primaryKeyColumnNames: [input.pk], columns: [] },
      },
    ],
  };
}
