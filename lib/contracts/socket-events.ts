import type { SourceSummary } from './source-status';
import type { TableDetail, TableSummary } from './table-stats';
import type { EventListItem } from './event-view';
import type { ReplicaPairSummary } from './replicas';
import type { ConsumerLagSnapshot } from './lag-api';

/**
 * The overview page's data. The first push after `subscribe` (and one every
 * few seconds, to heal pushes a slow client missed) is `full`: every table.
 * The others carry only the tables that changed since the previous push and
 * the keys of tables that were evicted, so 500 idle tables cost nothing.
 * Clients merge by `tableKey` (components/realtime/overview-merge.ts).
 */
export interface OverviewSnapshot {
  at: number;
  full: boolean;
  sources: SourceSummary[];
  tables: TableSummary[];
  /** Keys of tables no longer tracked (only in non-full pushes). */
  removed: string[];
}

/** Socket.IO rooms a client can join. One table room per table page. */
export type Room =
  | { kind: 'overview' }
  | { kind: 'table'; table: string }
  /** Every replica pair's summary (no series), for the Replicas page. */
  | { kind: 'replicas' }
  /** One pair with its per-second series, for its detail view. */
  | { kind: 'replica-pair'; pair: string }
  /** Downstream consumer lag and connector liveness, for the Lag page. */
  | { kind: 'lag' };

export interface ServerToClientEvents {
  overview: (snapshot: OverviewSnapshot) => void;
  table: (detail: TableDetail) => void;
  /** Recent events of a table the client watches, newest last. */
  'table-events': (payload: { table: string; events: EventListItem[] }) => void;
  replicas: (pairs: ReplicaPairSummary[]) => void;
  'replica-pair': (pair: ReplicaPairSummary) => void;
  lag: (snapshot: ConsumerLagSnapshot) => void;
}

export interface ClientToServerEvents {
  subscribe: (room: Room) => void;
  unsubscribe: (room: Room) => void;
}

/** The Socket.IO room a `Room` maps to; both ends use it so they never disagree. */
export function roomName(room: Room): string {
  switch (room.kind) {
    case 'overview':
    case 'replicas':
    case 'lag':
      return room.kind;
    case 'table':
      return `table:${room.table}`;
    case 'replica-pair':
      return `replica-pair:${room.pair}`;
  }
}
