import type { SourceSummary } from './source-status';
import type { TableDetail, TableSummary } from './table-stats';
import type { EventListItem } from './event-view';

/** Snapshot of the whole dashboard for the overview page. */
export interface OverviewSnapshot {
  at: number;
  sources: SourceSummary[];
  tables: TableSummary[];
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
