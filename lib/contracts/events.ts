import type { SourceSummary } from './source-status';
import type { TableDetail, TableSummary } from './table-stats';
import type { EventListItem } from './event-view';

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
export type Room = { kind: 'overview' } | { kind: 'table'; table: string };

export interface ServerToClientEvents {
  overview: (snapshot: OverviewSnapshot) => void;
  table: (detail: TableDetail) => void;
  /** Recent events of a table the client watches, newest last. */
  'table-events': (payload: { table: string; events: EventListItem[] }) => void;
}

export interface ClientToServerEvents {
  subscribe: (room: Room) => void;
  unsubscribe: (room: Room) => void;
}
