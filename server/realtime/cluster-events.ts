import '../server-only';
import type { Server } from 'socket.io';
import {
  roomName,
  tableOfRoom,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../lib/contracts/socket-events';
import type { EventListItem } from '../../lib/contracts/event-view';
import { cursorAfter, takeNewEvents, type EventCursor } from '../../lib/cluster/event-cursor';
import { hasNewJoin, type Interest, type Watching } from '../../lib/cluster/room-interest';

/**
 * A table's live events across a cluster (issue #14). Each instance reads
 * only its own partitions, so a browser on instance X watching a table whose
 * partitions instance Y reads gets nothing from X: Y pushes its events of the
 * table to the room through Socket.IO's Redis adapter, which delivers them to
 * X's sockets. Y learns who watches what from the snapshots in Redis (the
 * `watching` of each instance, see lib/cluster/room-interest.ts), so it
 * publishes nothing for a table nobody has open. Every instance pushes only
 * the events it read itself, each once, on every beat; the client merges
 * them by id.
 */
export function createClusterEvents({
  io,
  tableEvents,
  interest,
}: {
  io: Server<ClientToServerEvents, ServerToClientEvents>;
  tableEvents: (tableKey: string) => EventListItem[];
  /** The other instances' watched tables (ClusterNode.interest). */
  interest: () => Interest;
}) {
  /** Per table with a room here, when a socket last joined it. */
  const joins = new Map<string, number>();
  const cursors = new Map<string, EventCursor>();
  let seen: Interest = new Map();

  const localTables = () => {
    const out: string[] = [];
    for (const name of io.of('/').adapter.rooms.keys()) {
      const table = tableOfRoom(name);
      if (table !== undefined) out.push(table);
    }
    return out;
  };

  return {
    /** A socket here joined the table's room and was sent `sent`: later pushes start after them. */
    joined(table: string, sent: readonly EventListItem[]): void {
      joins.set(table, Date.now());
      if (!cursors.has(table)) cursors.set(table, cursorAfter(sent));
    },

    /** This instance's table rooms, for its snapshot. */
    watching(): Watching {
      const out: Watching = {};
      for (const table of localTables()) out[table] = joins.get(table) ?? 0;
      for (const table of joins.keys()) if (!(table in out)) joins.delete(table);
      return out;
    },

    /** One beat: the events read here since the last beat, to every instance's sockets in the table's room. */
    beat(): void {
      const others = interest();
      const tables = new Set([...localTables(), ...others.keys()]);
      for (const table of tables) {
        const all = tableEvents(table);
        const watchers = others.get(table);
        // A new joiner elsewhere has none of the events read here: it gets them all once (the client dedupes).
        const whole = watchers !== undefined && hasNewJoin(seen.get(table), watchers);
        const next = whole ? { events: all, cursor: cursorAfter(all) } : takeNewEvents(cursors.get(table), all);
        cursors.set(table, next.cursor);
        if (next.events.length > 0)
          // Not volatile: the cursor moves past these events (see table-rooms.ts).
          io.to(roomName({ kind: 'table', table })).emit('table-events', { table, events: next.events });
      }
      seen = others;
      for (const table of cursors.keys()) if (!tables.has(table)) cursors.delete(table);
    },
  };
}

export type ClusterEvents = ReturnType<typeof createClusterEvents>;
