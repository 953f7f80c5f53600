import '../server-only';
import type { Server, Socket } from 'socket.io';
import {
  roomName,
  tableOfRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../lib/contracts/socket-events';
import { createPushThrottle } from '../../lib/realtime/push-throttle';
import type { DashboardState } from '../pipeline/dashboard-state';
import type { createClusterEvents } from './cluster-events';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * The table rooms (a table page's live detail and events). A room is pushed
 * when its table's version moves, at most once per `minGapMs`: checked every
 * few milliseconds rather than on the 250 ms beat, a change after a quiet
 * spell reaches the browser at once (issue #11, freshness), while a busy table
 * still costs at most 4 pushes a second.
 */
export function createTableRooms({
  io,
  state,
  clusterEvents,
  tailFrom,
  minGapMs,
}: {
  io: IoServer;
  state: DashboardState;
  clusterEvents: ReturnType<typeof createClusterEvents> | undefined;
  tailFrom: (now: number) => number;
  minGapMs: number;
}) {
  const throttle = createPushThrottle(minGapMs);
  /** Per table room: receive time of the newest event pushed, so a push carries only newer events. Bounded by the rooms. */
  const eventCursors = new Map<string, number>();

  /** A joining client: the whole detail and every recent event. */
  function join(socket: IoSocket, table: string) {
    const detail = state.table(table);
    if (detail) socket.emit('table', detail);
    const events = state.tableEvents(table);
    socket.emit('table-events', { table, events });
    if (clusterEvents) {
      clusterEvents.joined(table, events);
      return;
    }
    const name = roomName({ kind: 'table', table });
    // A new room starts its cursor here, so its first push does not repeat what the joiner just got.
    if (!eventCursors.has(name)) eventCursors.set(name, events[events.length - 1]?.receivedAt ?? 0);
  }

  /** A table room on change: the detail with only its newest seconds, and the events newer than the last push. */
  function push(name: string, table: string, now: number) {
    // `local`: with the Redis adapter every instance pushes to its own sockets (cluster-events.ts excepted).
    const room = io.local.to(name);
    const detail = state.table(table, tailFrom(now));
    // The detail is volatile: a client still busy with the last one skips it, and the next change repairs it.
    if (detail) room.volatile.emit('table', Object.assign(detail, { partial: true }));
    if (clusterEvents) return;
    const cursor = eventCursors.get(name) ?? 0;
    // `>=`: events of the cursor's own millisecond may have arrived after it was taken; the client dedupes by id.
    const events = state.tableEvents(table).filter((e) => e.receivedAt >= cursor);
    const newest = events[events.length - 1];
    if (newest) eventCursors.set(name, Math.max(cursor, newest.receivedAt));
    // The events are not: the cursor has moved past them, so a dropped push would lose them for good, and Socket.IO
    // drops a volatile packet whenever the previous one (the detail just above) is still being written. What a
    // client that stopped reading can hold is bounded by Engine.IO's ping timeout (~45 s) of at most 4 pushes a second.
    if (events.length > 0) room.emit('table-events', { table, events });
  }

  /** Pushes every table room that is due; forgets rooms nobody is in any more. */
  function check(now: number) {
    const rooms = io.of('/').adapter.rooms;
    for (const name of rooms.keys()) {
      const table = tableOfRoom(name);
      if (table === undefined) continue;
      if (throttle.take(name, state.tableVersion(table), now)) push(name, table, now);
    }
    for (const name of eventCursors.keys()) if (!rooms.has(name)) eventCursors.delete(name);
    throttle.prune((name) => rooms.has(name));
  }

  return { join, check };
}
