import type { SnapshotFlag } from '../contracts/change-event';

/**
 * The demo's initial snapshot, as Debezium runs one (issue #13 §4): table
 * after table, each table's reads flagged `first_in_data_collection` … `true`
 * … `last_in_data_collection`, the very first read `first` and the very last
 * `last`; streaming starts only once it is over. Spread over a few seconds,
 * so the Connectors page shows it running and completing table by table.
 */

/** One table is read this long after the previous one. */
export const DEMO_SNAPSHOT_TABLE_MS = 1_000;

/** The `source.snapshot` flag of read `row` (of `rows`) of table `table` (of `tables`). */
export function snapshotFlag(table: number, tables: number, row: number, rows: number): SnapshotFlag {
  if (table === 0 && row === 0) return 'first';
  if (table === tables - 1 && row === rows - 1) return 'last';
  if (row === 0) return 'first_in_data_collection';
  if (row === rows - 1) return 'last_in_data_collection';
  return 'true';
}

export interface SnapshotPhase {
  /** Indexes of the tables to read at `now` (the clock starts at the first call). */
  due(now: number): number[];
  readonly done: boolean;
}

export function createSnapshotPhase(tables: number): SnapshotPhase {
  let start: number | undefined;
  let next = 0;
  return {
    due(now) {
      start ??= now;
      const out: number[] = [];
      while (next < tables && now - start >= next * DEMO_SNAPSHOT_TABLE_MS) out.push(next++);
      return out;
    },
    get done() {
      return next >= tables;
    },
  };
}
