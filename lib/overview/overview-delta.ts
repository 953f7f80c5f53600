import type { TableBrief } from '../contracts/socket-events';
import type { TableSummary } from '../contracts/table-stats';

/** The sort keys of a row: what a client needs of a table it does not show. */
export function briefOf(t: TableSummary): TableBrief {
  return {
    tableKey: t.tableKey,
    rate: t.rate,
    lastEventAt: t.lastEventAt,
    captureP95: t.lag.capture.m1.p95,
    endToEndP95: t.lag.endToEnd.m1.p95,
  };
}

/**
 * One client's share of an overview delta: whole rows for the tables it shows
 * and for tables no push has carried yet (it has nothing to patch), briefs for
 * the rest. `visible` undefined (a client that never said what it shows):
 * every row whole, as before briefs existed.
 */
export function splitChanged(
  changed: readonly TableSummary[],
  visible: ReadonlySet<string> | undefined,
  isNew: (tableKey: string) => boolean,
): { tables: TableSummary[]; brief: TableBrief[] } {
  if (!visible) return { tables: changed.slice(), brief: [] };
  const tables: TableSummary[] = [];
  const brief: TableBrief[] = [];
  for (const t of changed) {
    if (visible.has(t.tableKey) || isNew(t.tableKey)) tables.push(t);
    else brief.push(briefOf(t));
  }
  return { tables, brief };
}

/** Patches a cached row with a brief; the rest of the row stays as last sent whole. */
export function applyBrief(t: TableSummary, b: TableBrief): TableSummary {
  const { capture, endToEnd } = t.lag;
  return {
    ...t,
    rate: b.rate,
    lastEventAt: b.lastEventAt,
    lag: {
      capture: { ...capture, m1: { ...capture.m1, p95: b.captureP95 } },
      endToEnd: { ...endToEnd, m1: { ...endToEnd.m1, p95: b.endToEndP95 } },
    },
  };
}
