import { createLagWindow, type LagWindow } from '../analytics/lag-window';
import { OPS, type ChangeRecord } from '../contracts/change-event';
import type { EventRef, IdentityBasis, ReplicaSideInfo } from '../contracts/replicas';
import { createCopyRing, type CopyRing } from './copy-ring';
import type { ResolvedPairOptions } from './pair-options';
import { createPairSeries, type PairSeries } from './pair-series';
import { createPairTables, type PairTables } from './pair-tables';
import { createPendingWindow, type PendingWindow } from './pending-window';
import { createRecentLists, type RecentLists } from './recent-lists';
import { createRememberedIds, type RememberedIds } from './remembered-ids';

/** Everything one pair tracker holds, shared by its accounting (pair-accounting.ts) and its API (pair-tracker.ts). */
export interface PairState {
  o: ResolvedPairOptions;
  pending: PendingWindow;
  remembered: RememberedIds;
  copies: CopyRing;
  tables: PairTables;
  lists: RecentLists;
  series: PairSeries;
  /** Delay between the two copies of matched events. */
  delays: LagWindow;
  sideInfo: [ReplicaSideInfo, ReplicaSideInfo];
  basis: Record<IdentityBasis, number>;
  /** Overdue entries per side now (the series gauges), kept apart from the per-table counters to avoid summing them every tick. */
  onlyInNow: [number, number];
  /** Records of tables outside the pair's table list: they never get a table row. */
  ignoredUntabled: number;
}

export function createPairState(o: ResolvedPairOptions): PairState {
  return {
    o,
    pending: createPendingWindow(o.maxPending),
    remembered: createRememberedIds(o.rememberIds),
    copies: createCopyRing(o.retainCopies),
    tables: createPairTables(o.maxTables),
    lists: createRecentLists(o.listSize),
    series: createPairSeries(),
    delays: createLagWindow(),
    sideInfo: [
      { selector: o.sideA, records: 0, lastSeenAt: null },
      { selector: o.sideB, records: 0, lastSeenAt: null },
    ],
    basis: { gtid: 0, lsn: 0, outbox: 0, fields: 0, header: 0, content: 0 },
    onlyInNow: [0, 0],
    ignoredUntabled: 0,
  };
}

/** Broker position of a record as numbers, so a pending entry can keep it in typed arrays. */
export function recordPosition(rec: ChangeRecord): { partition: number; offset: number } {
  const origin = rec.origin;
  return origin.kind === 'kafka'
    ? { partition: origin.partition, offset: Number(origin.offset) }
    : { partition: -1, offset: origin.seq };
}

/** `p3@1042` for Kafka, `#88` for sequence-numbered brokers, as positionOf (lib/contracts/raw-message.ts) writes them. */
export function positionText(partition: number, offset: number): string {
  return partition >= 0 ? `p${partition}@${offset}` : `#${offset}`;
}

/** The compact reference of a pending entry, read back from its columns. */
export function refOf(state: PairState, slot: number): EventRef {
  const c = state.pending.cols;
  const id = c.ids[slot] ?? '';
  const end = c.keyEnd[slot] ?? 0;
  return {
    id,
    side: c.side[slot] === 0 ? 'a' : 'b',
    table: state.tables.at(c.table[slot] ?? 0).table,
    op: OPS[c.op[slot] ?? 0] ?? 'c',
    key: id.slice(end - (c.keyLen[slot] ?? 0), end),
    position: positionText(c.partition[slot] ?? -1, c.offset[slot] ?? 0),
    receivedAt: c.at[slot] ?? 0,
  };
}
