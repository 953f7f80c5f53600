import '../server-only';
import type { Server } from 'socket.io';
import {
  roomName,
  type ClientToServerEvents,
  type InterServerEvents,
  type ServerToClientEvents,
} from '../../lib/contracts/socket-events';
import type { EventListItem } from '../../lib/contracts/event-view';
import { cursorAfter, takeNewEvents, type EventCursor } from '../../lib/cluster/event-cursor';
import type { Interest, Watching } from '../../lib/cluster/room-interest';
import { mergePeerEvents } from '../../lib/cluster/peer-events';

const TABLE_ROOM = 'table:';
/**
 * How long an instance pushes a table's new events after being asked for its
 * recent ones: until the asker's snapshot says it watches the table (two
 * publishes or so), with room for a slow Redis.
 */
const ASKED_GRACE_MS = 15_000;

/**
 * A table's live events across a cluster (issue #14). Each instance reads
 * only its own partitions, so a browser on instance X watching a table whose
 * partitions instance Y reads gets nothing from X: Y pushes its events of the
 * table to the room through Socket.IO's Redis adapter, which delivers them to
 * X's sockets. Y learns who watches what from the snapshots in Redis (the
 * `watching` of each instance, see lib/cluster/room-interest.ts), so it
 * publishes nothing for a table nobody has open. Every instance pushes only
 * the events it read itself, on every beat; the client merges them by id.
 *
 * What the owners read before a page opened comes by asking (`recent`): every
 * instance answers with its own recent events of the table through the
 * adapter (`serverSideEmitWithAck`), so the joiner's first list and
 * `GET /api/tables/:key/events` hold the whole cluster's, whichever instance
 * answers. An answering instance pushes the table's events newer than its
 * answer from then on (its cursor starts there), before the asker's snapshot
 * even says it watches the table: nothing falls between answer and pushes.
 */
export function createClusterEvents({
  io,
  tableEvents,
  interest,
  cap,
}: {
  io: Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;
  tableEvents: (tableKey: string) => EventListItem[];
  /** The other instances' watched tables (ClusterNode.interest). */
  interest: () => Interest;
  /** Events in a merged list at most (an instance's own list holds as many). */
  cap: number;
}) {
  /** Per table asked for by another instance, when: pushed to its room for `ASKED_GRACE_MS`. */
  const asked = new Map<string, number>();

  /** Per table with a room here, when a socket last joined it. */
  const joins = new Map<string, number>();
  const cursors = new Map<string, EventCursor>();

  io.on('recent-events', (table, answer) => {
    const events = tableEvents(table);
    // Pushes go on from this answer (or from where they are, if the table's room was already served).
    if (!cursors.has(table)) cursors.set(table, cursorAfter(events));
    asked.set(table, Date.now());
    answer(events);
  });

  const localTables = () => {
    const out: string[] = [];
    for (const name of io.of('/').adapter.rooms.keys())
      if (name.startsWith(TABLE_ROOM)) out.push(name.slice(TABLE_ROOM.length));
    return out;
  };

  return {
    /**
     * The table's recent events of every instance: this one's and the others'
     * answers. An instance that does not answer within the adapter's
     * `requestsTimeout` is left out (its answer would come too late to help).
     */
    async recent(table: string): Promise<EventListItem[]> {
      const own = tableEvents(table);
      let answers: unknown[];
      try {
        answers = await io.serverSideEmitWithAck('recent-events', table);
      } catch (err) {
        answers = (err as { responses?: unknown[] }).responses ?? [];
      }
      return mergePeerEvents(own, answers, cap);
    },

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
      const now = Date.now();
      for (const [table, at] of asked) if (now - at > ASKED_GRACE_MS) asked.delete(table);
      const tables = new Set([...localTables(), ...interest().keys(), ...asked.keys()]);
      for (const table of tables) {
        const next = takeNewEvents(cursors.get(table), tableEvents(table));
        cursors.set(table, next.cursor);
        if (next.events.length > 0)
          io.to(roomName({ kind: 'table', table })).volatile.emit('table-events', { table, events: next.events });
      }
      for (const table of cursors.keys()) if (!tables.has(table)) cursors.delete(table);
    },
  };
}

export type ClusterEvents = ReturnType<typeof createClusterEvents>;
