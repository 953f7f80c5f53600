import type { EnvelopeInput } from './envelope';
import { withSchema } from './envelope';
import { createRandom, type Random } from './random';
import type { DemoRow, DemoTable } from './sample-schema';

/**
 * The demo's tables and the rows it remembers of them: what change comes next
 * for a table (an update or delete of a remembered row, or a new one), with
 * the commit and processing times its lag makes. Draws on the generator's one
 * seeded random, in the generator's order, so a seed still gives one stream.
 */

/** Rows remembered per table for updates and deletes; the oldest is forgotten first. */
const LIVE_ROWS_PER_TABLE = 300;
/** A 10-second capture-lag spike every two minutes, to give the lag charts something to show. */
const SPIKE_PERIOD_MS = 120_000;
const SPIKE_LENGTH_MS = 10_000;
/**
 * One row with a long history to show (row history, issue #13): customer 1
 * of the first MySQL table is updated this often and never deleted, so
 * `/tables/demo_a.inventory.customers/rows/{"id":1}` always has a timeline.
 */
export const HOT_ROW = { table: 'inventory.customers', id: 1 } as const;

export interface TableState {
  def: DemoTable;
  nextId: number;
  rows: Map<number, DemoRow>;
  /** Connect types of its columns as replica A's schema names them, learned from sample rows (envelope.ts). */
  types: Map<string, string>;
}

/** Rows made up front to learn each column's type, with a random of their own so the stream's stays as seeded. */
const TYPE_SAMPLES = 30;
export function learnTypes(def: DemoTable, seed: number): Map<string, string> {
  const types = new Map<string, string>();
  const rnd = createRandom(seed);
  for (let i = 1; i <= TYPE_SAMPLES; i++) withSchema({ after: def.make(i, rnd, 0) }, '', types, def.pk);
  return types;
}

export function createTableRows(deps: {
  rnd: Random;
  /** The first MySQL table: the one holding the hot row. */
  hotTable: () => TableState | undefined;
  /** A row in its table's current shape (schema drift). */
  shaped: (t: TableState, row: DemoRow) => DemoRow;
}) {
  const { rnd, shaped } = deps;
  const isHot = (t: TableState, id: number) => t === deps.hotTable() && id === HOT_ROW.id;

  function lagFor(now: number): { capture: number; transport: number } {
    const spiking = now % SPIKE_PERIOD_MS < SPIKE_LENGTH_MS;
    return { capture: rnd.int(5, 60) + (spiking ? rnd.int(2000, 6000) : 0), transport: rnd.int(2, 40) };
  }

  const timesOf = (t: TableState, now: number) => {
    const lag = lagFor(now);
    return {
      db: t.def.db,
      table: t.def.table,
      sourceTsMs: now - lag.capture - lag.transport,
      tsMs: now - lag.transport,
    };
  };

  function nextChange(t: TableState, now: number, snapshot = false): EnvelopeInput {
    const common = timesOf(t, now);
    const existing = [...t.rows.keys()];
    const roll = rnd.next();
    if (!snapshot && existing.length > 20 && roll < 0.35) {
      const id = rnd.pick(existing);
      const before = t.rows.get(id) as DemoRow;
      const after = shaped(t, t.def.change(before, rnd, now));
      t.rows.set(id, after);
      return { ...common, op: 'u', before, after, snapshot: 'false' };
    }
    if (!snapshot && existing.length > 50 && roll < 0.45) {
      const id = rnd.pick(existing);
      const before = t.rows.get(id) as DemoRow;
      // The hot row is never deleted: a create of another row instead.
      if (!isHot(t, id)) {
        t.rows.delete(id);
        return { ...common, op: 'd', before, after: null, snapshot: 'false' };
      }
    }
    const id = t.nextId++;
    const after = shaped(t, t.def.make(id, rnd, now));
    t.rows.set(id, after);
    // Oldest first, but never the hot row: forgotten, it would be created again over its own history (a burst
    // creates more rows between two of its changes than the table keeps).
    if (t.rows.size > LIVE_ROWS_PER_TABLE)
      for (const old of t.rows.keys())
        if (!isHot(t, old)) {
          t.rows.delete(old);
          break;
        }
    return { ...common, op: snapshot ? 'r' : 'c', before: null, after, snapshot: snapshot ? 'true' : 'false' };
  }

  /** The hot row's next change: an update, or its re-creation if it was ever forgotten. */
  function hotChange(t: TableState, now: number): EnvelopeInput {
    const common = timesOf(t, now);
    const before = t.rows.get(HOT_ROW.id);
    const after = before === undefined ? t.def.make(HOT_ROW.id, rnd, now) : t.def.change(before, rnd, now);
    // Re-inserted so it is the newest entry: rows past LIVE_ROWS_PER_TABLE are forgotten oldest first.
    t.rows.delete(HOT_ROW.id);
    t.rows.set(HOT_ROW.id, after);
    return before === undefined
      ? { ...common, op: 'c', before: null, after, snapshot: 'false' }
      : { ...common, op: 'u', before, after, snapshot: 'false' };
  }

  return { lagFor, nextChange, hotChange, isHot };
}
