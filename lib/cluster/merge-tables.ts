import type { ArchivedTable, PartialTable } from '../contracts/cluster';
import type { OpCounts, TableSummary } from '../contracts/table-stats';
import { MAX_CHANNELS_PER_TABLE, MAX_SOURCES_PER_TABLE } from '../analytics/table-stats';
import { EMPTY_SEALED, mergeLagWindows } from './lag-merge';

/** Sparkline length in seconds, as lib/analytics/table-stats.ts makes it. */
const SPARK_SECONDS = 60;

const minOrNull = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const maxOrNull = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

function union(into: string[], more: readonly string[], cap: number): void {
  for (const v of more) if (into.length < cap && !into.includes(v)) into.push(v);
}

function addCounts(into: OpCounts, more: OpCounts): void {
  for (const [op, n] of Object.entries(more) as [keyof OpCounts, number][]) into[op] += n;
}

/** An archived table as a partial with nothing in its windows: its counts stay, its rate and lag are gone with it. */
export function archivedAsPartial(a: ArchivedTable, nowSec: number): PartialTable {
  return {
    ...a,
    rate: 0,
    spark: [],
    sparkEnd: nowSec,
    lag: { capture: { m1: EMPTY_SEALED, m5: EMPTY_SEALED }, endToEnd: { m1: EMPTY_SEALED, m5: EMPTY_SEALED } },
  };
}

/**
 * One summary per table from every instance's partial view (issue #14):
 * counts, bytes and rates add; first and last event times take the extremes;
 * sources and channels are united (capped as one instance caps them); sparks
 * add second by second, aligned on their own end second so two instances
 * that published half a second apart still line up; lag histograms merge
 * (lag-merge.ts). `version` is the sum of the instances' versions, so it
 * changes whenever any of them does. Tables come out in first-seen order.
 */
export function mergeTables(parts: readonly PartialTable[], nowSec: number): TableSummary[] {
  const groups = new Map<string, PartialTable[]>();
  for (const p of parts) {
    const g = groups.get(p.tableKey);
    if (g) g.push(p);
    else groups.set(p.tableKey, [p]);
  }
  const out: TableSummary[] = [];
  for (const [tableKey, g] of groups) out.push(mergeOne(tableKey, g, nowSec));
  return out;
}

function mergeOne(tableKey: string, g: readonly PartialTable[], nowSec: number): TableSummary {
  const totals: OpCounts = { c: 0, u: 0, d: 0, r: 0, t: 0, m: 0 };
  const sourceIds: string[] = [];
  const channels: string[] = [];
  const spark = new Array<number>(SPARK_SECONDS).fill(0);
  const merged: TableSummary = {
    table: tableKey,
    tableKey,
    sourceIds,
    channels,
    totals,
    tombstones: 0,
    bytes: 0,
    undecodable: 0,
    snapshotEvents: 0,
    streamingEvents: 0,
    rate: 0,
    firstEventAt: null,
    lastEventAt: null,
    lag: { capture: mergeLagWindows([]), endToEnd: mergeLagWindows([]) },
    spark,
  };
  let version = 0;
  let replays: number | undefined;
  for (const p of g) {
    if (merged.table === tableKey && p.table !== tableKey) merged.table = p.table;
    merged.serverName ??= p.serverName;
    merged.clock ??= p.clock;
    if (p.clockTable) merged.clockTable = true;
    addCounts(totals, p.totals);
    union(sourceIds, p.sourceIds, MAX_SOURCES_PER_TABLE);
    union(channels, p.channels, MAX_CHANNELS_PER_TABLE);
    merged.tombstones += p.tombstones;
    merged.bytes += p.bytes;
    merged.undecodable += p.undecodable;
    merged.snapshotEvents += p.snapshotEvents;
    merged.streamingEvents += p.streamingEvents;
    merged.rate += p.rate;
    merged.firstEventAt = minOrNull(merged.firstEventAt, p.firstEventAt);
    merged.lastEventAt = maxOrNull(merged.lastEventAt, p.lastEventAt);
    if (p.replays !== undefined) replays = (replays ?? 0) + p.replays;
    version += p.version ?? 0;
    // p.spark[k] is the second p.sparkEnd − p.spark.length + k; the merged spark ends at nowSec.
    for (let k = 0; k < p.spark.length; k++) {
      const at = SPARK_SECONDS - (nowSec - (p.sparkEnd - p.spark.length + k));
      if (at >= 0 && at < SPARK_SECONDS) spark[at] = (spark[at] ?? 0) + (p.spark[k] ?? 0);
    }
  }
  merged.version = version;
  if (replays !== undefined) merged.replays = replays;
  merged.lag = {
    capture: mergeLagWindows(g.map((p) => p.lag.capture)),
    endToEnd: mergeLagWindows(g.map((p) => p.lag.endToEnd)),
  };
  return merged;
}
