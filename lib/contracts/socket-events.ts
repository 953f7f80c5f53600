import { z } from 'zod';
import { consumerLagSnapshotSchema } from './lag-api';
import { eventListItemSchema } from './event-view';
import { replicaPairSummarySchema } from './replicas';
import { sourceSummarySchema } from './source-status';
import { tableDetailSchema, tableSummarySchema, throughputPointSchema } from './table-stats';

/**
 * The Socket.IO contract: rooms a client may join and what each room pushes.
 * Both ends check what they receive with these schemas (the server a
 * client's `subscribe`, the browser every push).
 */

/**
 * What an overview delta carries for a changed table the client does not
 * show (scrolled away or filtered out): only what the list sorts and totals
 * by, as a tuple `[tableKey, rate, lastEventAt, lag.capture.m1.p95,
 * lag.endToEnd.m1.p95]` (~50 B instead of the ~750 B whole row; sent only
 * when one of them moved). The client patches its cached row; the whole row
 * comes when the table scrolls into view.
 */
export const tableBriefSchema = z.tuple([
  z.string(),
  z.number(),
  z.number().nullable(),
  z.number().nullable(),
  z.number().nullable(),
]);
export type TableBrief = z.infer<typeof tableBriefSchema>;

/**
 * A shown row's changes (lib/overview/overview-patch.ts): the fields that
 * changed (nested objects field by field), the paths of dropped optional
 * fields, and the sparkline as `[drop, keep, ...newPoints]`: the browser
 * keeps `spark.slice(drop, drop + keep)` and appends, instead of getting all
 * 60 points every second.
 */
export const tablePatchSchema = z.object({
  tableKey: z.string(),
  set: z.record(z.string(), z.unknown()).optional(),
  unset: z.array(z.string()).optional(),
  spark: z.array(z.number()).optional(),
});
export type TablePatch = z.infer<typeof tablePatchSchema>;

/** Table keys a client's overview list shows (with its overscan): their changes come as whole rows. */
export const MAX_VISIBLE_KEYS = 400;
export const overviewVisibleSchema = z.array(z.string().min(1).max(512)).max(MAX_VISIBLE_KEYS);

/**
 * The overview page's data. The first push after `subscribe` is `full`: every
 * table. The others carry only the tables that changed since the previous
 * push (whole rows for the ones the client shows or has never seen, `brief`
 * for the rest) and the keys of tables that were evicted, so 500 tables cost
 * what the ~50 on screen cost. Deltas are numbered (`seq`): a client that
 * sees a number skipped (a volatile push lost on a busy link) subscribes
 * again for a full push. Clients merge by `tableKey`
 * (components/realtime/overview-merge.ts).
 */
export const overviewSnapshotSchema = z.object({
  at: z.number(),
  full: z.boolean(),
  /** Number of the room's last delta this push follows (a full) or is (a delta); a reply to `overview-visible` repeats it. */
  seq: z.number().int().optional(),
  sources: z.array(sourceSummarySchema),
  tables: z.array(tableSummarySchema),
  /** Keys of tables no longer tracked (only in non-full pushes). */
  removed: z.array(z.string()),
  /**
   * Changed tables the client does not show: sort keys only (non-full pushes), sent when one moved or the
   * client's row was current until this change; the client marks the row as updating until it comes whole.
   */
  brief: z.array(tableBriefSchema).optional(),
  /**
   * Changed tables the client shows and holds as of the previous delta: the
   * changes only, applied after `tables` and before `brief`, in order. A full
   * push with `brief` (a resync of a client that holds every row) carries
   * whole rows only for the ones shown; the others keep their cached row,
   * patched by their brief.
   */
  patches: z.array(tablePatchSchema).optional(),
  /**
   * All tables' throughput by op for the last few complete seconds (overlapping
   * from push to push, so a skipped volatile push leaves no hole). The browser
   * merges them by second into the history it fetched from `/api/throughput`;
   * a second no push and no fetch covered stays a gap in the chart.
   */
  throughput: z.array(throughputPointSchema).optional(),
});
export type OverviewSnapshot = z.infer<typeof overviewSnapshotSchema>;

/** Recent events of a table the client watches, newest last. */
export const tableEventsSchema = z.object({ table: z.string(), events: z.array(eventListItemSchema) });
export type TableEvents = z.infer<typeof tableEventsSchema>;

/** Socket.IO rooms a client can join. One table room per table page. */
export const roomSchema = z.discriminatedUnion('kind', [
  /**
   * `resync`: the client holds every row and every delta up to this number,
   * and lost a later one: whole rows only for the ones it shows (and any a
   * lost delta may have carried first), briefs for the rest.
   */
  z.object({ kind: z.literal('overview'), resync: z.number().int().optional() }),
  z.object({ kind: z.literal('table'), table: z.string().min(1).max(512) }),
  /** Every replica pair's summary (no series), for the Replicas page. */
  z.object({ kind: z.literal('replicas') }),
  /** One pair with its per-second series, for its detail view. */
  z.object({ kind: z.literal('replica-pair'), pair: z.string().min(1).max(256) }),
  /** Downstream consumer lag and connector liveness, for the Lag page. */
  z.object({ kind: z.literal('lag') }),
]);
export type Room = z.infer<typeof roomSchema>;

/** What each push carries, by event name: the server's event map and the browser's check of every push. */
export const pushSchemas = {
  overview: overviewSnapshotSchema,
  table: tableDetailSchema,
  'table-events': tableEventsSchema,
  replicas: z.array(replicaPairSummarySchema),
  'replica-pair': replicaPairSummarySchema,
  lag: consumerLagSnapshotSchema,
};
export type PushName = keyof typeof pushSchemas;

export type ServerToClientEvents = { [K in PushName]: (payload: z.infer<(typeof pushSchemas)[K]>) => void };

export interface ClientToServerEvents {
  subscribe: (room: Room) => void;
  unsubscribe: (room: Room) => void;
  /** The overview rows on the client's screen (`overviewVisibleSchema`); until sent, every changed row comes whole. */
  'overview-visible': (keys: string[]) => void;
}

/** The Socket.IO room a `Room` maps to; both ends use it so they never disagree. */
/** Table rooms' names: this, then the table key. */
const TABLE_ROOM = 'table:';

export function roomName(room: Room): string {
  switch (room.kind) {
    case 'overview':
    case 'replicas':
    case 'lag':
      return room.kind;
    case 'table':
      return `${TABLE_ROOM}${room.table}`;
    case 'replica-pair':
      return `replica-pair:${room.pair}`;
  }
}

/** The table a room name from `roomName` is of, or undefined for a room of another kind. */
export function tableOfRoom(name: string): string | undefined {
  return name.startsWith(TABLE_ROOM) ? name.slice(TABLE_ROOM.length) : undefined;
}
