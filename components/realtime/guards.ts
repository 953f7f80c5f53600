import type { OverviewSnapshot } from '@/lib/contracts/events';
import type { EventListItem } from '@/lib/contracts/event-view';
import type { SourceSummary } from '@/lib/contracts/source-status';
import type { TableDetail, TableSummary } from '@/lib/contracts/table-stats';

/**
 * Shape checks for JSON from the server (HTTP and Socket.IO). Shallow on
 * purpose: they run on every push for up to hundreds of tables, so they check
 * what the UI relies on to render, not every nested field. Rendering stays
 * defensive beyond that (everything is rendered as text).
 */
type Obj = Record<string, unknown>;

const isObj = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);
const isNum = (x: unknown): x is number => typeof x === 'number';
const isStr = (x: unknown): x is string => typeof x === 'string';
const isNumOrNull = (x: unknown) => x === null || isNum(x);

function isLagWindows(x: unknown): boolean {
  return isObj(x) && isObj(x.m1) && isObj(x.m5);
}

export function isSourceSummary(x: unknown): x is SourceSummary {
  return (
    isObj(x) &&
    isStr(x.id) &&
    isStr(x.kind) &&
    isStr(x.target) &&
    Array.isArray(x.channels) &&
    isObj(x.status) &&
    isStr(x.status.type) &&
    isNum(x.messages) &&
    isNum(x.bytes) &&
    isNum(x.undecodable)
  );
}

export function isTableSummary(x: unknown): x is TableSummary {
  return (
    isObj(x) &&
    isStr(x.table) &&
    isStr(x.tableKey) &&
    Array.isArray(x.sourceIds) &&
    Array.isArray(x.channels) &&
    isObj(x.totals) &&
    isNum(x.rate) &&
    isNum(x.undecodable) &&
    isNumOrNull(x.lastEventAt) &&
    Array.isArray(x.spark) &&
    isObj(x.lag) &&
    isLagWindows(x.lag.capture) &&
    isLagWindows(x.lag.endToEnd)
  );
}

export function isTableDetail(x: unknown): x is TableDetail {
  return isObj(x) && Array.isArray(x.throughput) && Array.isArray(x.lagSeries) && isTableSummary(x);
}

export function isEventListItem(x: unknown): x is EventListItem {
  return isObj(x) && isStr(x.id) && isNum(x.receivedAt) && isStr(x.kind) && isNum(x.sizeBytes);
}

export function isOverviewSnapshot(x: unknown): x is OverviewSnapshot {
  return (
    isObj(x) &&
    isNum(x.at) &&
    Array.isArray(x.sources) &&
    Array.isArray(x.tables) &&
    x.sources.every(isSourceSummary) &&
    x.tables.every(isTableSummary)
  );
}

export function isTableEventsPayload(x: unknown): x is { table: string; events: EventListItem[] } {
  return isObj(x) && isStr(x.table) && Array.isArray(x.events) && x.events.every(isEventListItem);
}

/** An array whose every element passes the guard, or an error naming what was expected. */
export function expectArrayOf<T>(x: unknown, guard: (v: unknown) => v is T, what: string): T[] {
  if (!Array.isArray(x)) throw new Error(`expected an array of ${what}`);
  for (const item of x) if (!guard(item)) throw new Error(`unexpected ${what} shape`);
  return x as T[];
}
