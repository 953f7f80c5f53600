import type { TableBrief, TablePatch } from '../contracts/socket-events';
import type { TableSummary } from '../contracts/table-stats';
import { diffRow } from './overview-patch';

/** The sort keys of a row: what a client needs of a table it does not show. */
export function briefOf(t: TableSummary): TableBrief {
  return [t.tableKey, t.rate, t.lastEventAt, t.lag.capture.m1.p95, t.lag.endToEnd.m1.p95];
}

const sameBrief = (a: TableBrief, b: TableBrief) => a.every((x, i) => x === b[i]);

/**
 * What the room knows of one client's rows (server side). All three are
 * bounded by the tables the room tracks: removed keys leave them (`forget`).
 */
export interface ClientRows {
  /** Keys its list shows; undefined until it says (every row whole). */
  visible?: ReadonlySet<string>;
  /** Keys whose whole row it holds as of the room's last delta: those get patches. */
  current: Set<string>;
  /**
   * Keys it has had whole, with the number of the delta that first carried
   * one (a resync sends again those a lost delta may have carried): a brief
   * has a row to patch.
   */
  known: Map<string, number>;
}

export const clientRows = (): ClientRows => ({ current: new Set(), known: new Map() });

export interface ClientShare {
  tables: TableSummary[];
  patches: TablePatch[];
  brief: TableBrief[];
}

/**
 * One client's share of overview delta `seq`: for a table it shows, the
 * changed fields when it holds the row as of the last delta (`prev`, the
 * room's rows then), else the whole row; for a table it does not show, a
 * brief when a sort key moved or the row it holds was current until now (it
 * marks the row updating), else nothing; whole rows for tables it never
 * had. Updates `view` to what the client holds once it applied the share.
 */
export function splitChanged(
  changed: readonly TableSummary[],
  prev: (tableKey: string) => TableSummary | undefined,
  view: ClientRows,
  seq: number,
): ClientShare {
  const share: ClientShare = { tables: [], patches: [], brief: [] };
  for (const t of changed) {
    const k = t.tableKey;
    const old = prev(k);
    if (!view.visible || view.visible.has(k) || !view.known.has(k)) {
      const holds = view.current.has(k) && old !== undefined;
      const patch = holds ? diffRow(old, t) : undefined;
      if (patch) share.patches.push(patch);
      else if (!holds) share.tables.push(t);
      view.current.add(k);
      if (!view.known.has(k)) view.known.set(k, seq);
      continue;
    }
    // A row it held current goes out of date with this change: a brief says so even when no sort key moved,
    // so its list marks the row updating. Else a row scrolled back into view is drawn with old figures as
    // current until its whole row comes (the server hears of the scroll up to 250 ms later, and sends it on a
    // beat after that). Once per row between whole sends: later changes to it only brief moved sort keys.
    const held = view.current.delete(k);
    const b = briefOf(t);
    if (held || !old || !sameBrief(briefOf(old), b)) share.brief.push(b);
  }
  return share;
}

/**
 * A full push's rows for a client, numbered `seq`: every row whole, or (a
 * resync of a client that says what it shows and holds every delta up to
 * `resyncAfter`) whole only the shown ones and the ones it may not hold,
 * briefs for the rest, whose cached rows it keeps.
 */
export function fullFor(
  rows: Iterable<TableSummary>,
  view: ClientRows,
  seq: number,
  resyncAfter?: number,
): ClientShare {
  const share: ClientShare = { tables: [], patches: [], brief: [] };
  view.current.clear();
  const partial = resyncAfter !== undefined && view.visible;
  const known = new Map<string, number>();
  for (const t of rows) {
    const k = t.tableKey;
    const had = view.known.get(k);
    if (!partial || view.visible?.has(k) || had === undefined || had > resyncAfter) {
      share.tables.push(t);
      view.current.add(k);
      known.set(k, seq);
    } else {
      share.brief.push(briefOf(t));
      known.set(k, had);
    }
  }
  view.known = known;
  return share;
}

/** Tables the room no longer tracks: a client that sees one again gets it whole. */
export function forget(view: ClientRows, removed: readonly string[]): void {
  for (const k of removed) {
    view.current.delete(k);
    view.known.delete(k);
  }
}

/** Patches a cached row with a brief; the rest of the row stays as last sent whole. */
export function applyBrief(t: TableSummary, b: TableBrief): TableSummary {
  const [, rate, lastEventAt, captureP95, endToEndP95] = b;
  const { capture, endToEnd } = t.lag;
  return {
    ...t,
    rate,
    lastEventAt,
    lag: {
      capture: { ...capture, m1: { ...capture.m1, p95: captureP95 } },
      endToEnd: { ...endToEnd, m1: { ...endToEnd.m1, p95: endToEndP95 } },
    },
  };
}
