import '../server-only';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import {
  roomName,
  roomSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../lib/contracts/socket-events';
import type { DashboardState } from '../pipeline/dashboard-state';
import type { Interest } from '../../lib/cluster/room-interest';
import { createClusterEvents } from './cluster-events';
import { createOverviewRoom } from './overview-room';
import { createTableRooms } from './table-rooms';
import { createSocketCounter, MAX_ROOMS_PER_SOCKET } from './socket-limits';

/** Pushes per second at most: faster than the eye follows a chart gains nothing but load. */
const BEAT_MS = 250;
/**
 * How often table rooms are checked for a change (table-rooms.ts): a change after a
 * quiet spell waits at most this long, not up to a whole beat. A check reads one
 * version per open table room. In cluster mode a version is read from the merged
 * view, which costs more: there the rooms are checked on the beat.
 */
const TABLE_CHECK_MS = 20;
const REPLICAS_EVERY_MS = 1_000;
/**
 * Seconds of series (the overview's all-tables throughput, a table's throughput
 * and lag) each push carries: the seconds that may have changed since the last
 * push plus a few more, so a client that skipped up to ~4 s of volatile pushes
 * still gets every second. Whole 15-minute series go out only on join and over
 * HTTP; a table page costs a few KB/s instead of ~240.
 */
const TAIL_SECONDS = 5;
/** How often connected sockets are re-authorized, so a signed-out or expired session stops receiving data. */
const REAUTHORIZE_EVERY_MS = 30_000;

type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

/**
 * Socket.IO on the dashboard's HTTP server. Aggregates are pushed on a fixed
 * beat (table rooms: when their table changes, at most once a beat), one
 * computation per room shared by all its clients, so the browser's load never
 * depends on the topic's message rate. Emits are volatile: a
 * client whose connection is backed up skips a beat instead of buffering on
 * the server, and ingestion never waits for a browser. A table's new events
 * are the exception (table-rooms.ts): a room's cursor moves past them.
 */
export function attachRealtime(
  http: HttpServer,
  state: DashboardState,
  options: {
    authorize?: (socket: IoSocket, phase: 'handshake' | 'recheck') => boolean;
    /** Run before each authorization: in cluster mode it brings the socket's session from Redis (AuthService.prepare). */
    prepare?: (req: IncomingMessage) => Promise<void>;
    /** Checked on every Engine.IO request, before any handshake: the `Host` check (issue #17.9). */
    allowRequest?: (req: IncomingMessage) => boolean;
    /** Whose socket this is (a user, a token, or with auth off an address) and how many such may be open (#17.7). */
    owner?: (req: IncomingMessage) => { key: string; max: number };
    /**
     * Cluster mode (issue #14): the Socket.IO Redis adapter, and the other
     * instances' watched tables. A table's events then reach every
     * instance's sockets (cluster-events.ts); all other pushes stay local,
     * since every instance computes them for its own sockets.
     */
    cluster?: { adapter: ServerOptions['adapter']; interest: () => Interest };
  } = {},
) {
  const { allowRequest } = options;
  const io: IoServer = new Server(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    ...(options.cluster ? { adapter: options.cluster.adapter } : {}),
    ...(allowRequest ? { allowRequest: (req, done) => done(null, allowRequest(req)) } : {}),
  });
  const { authorize } = options;
  const prepare = options.prepare ?? (() => Promise.resolve());
  let reauthorize: NodeJS.Timeout | undefined;
  if (authorize) {
    // Middleware, not a check on 'connection': a refused client never joins a room nor sees one frame.
    io.use((socket, next) => {
      void prepare(socket.request).then(() =>
        authorize(socket, 'handshake') ? next() : next(new Error('unauthorized')),
      );
    });
    reauthorize = setInterval(() => {
      for (const socket of io.of('/').sockets.values())
        void prepare(socket.request).then(() => {
          if (!authorize(socket, 'recheck')) socket.disconnect(true);
        });
    }, REAUTHORIZE_EVERY_MS);
    reauthorize.unref();
  }
  const { owner } = options;
  if (owner) {
    const counter = createSocketCounter();
    // After the authorization middleware: only sockets that would be accepted take a slot.
    io.use((socket, next) => {
      const { key, max } = owner(socket.request);
      if (!counter.acquire(key, max)) {
        next(new Error('too many connections'));
        return;
      }
      socket.once('disconnect', () => counter.release(key));
      next();
    });
  }
  const clusterEvents =
    options.cluster &&
    createClusterEvents({ io, tableEvents: (t) => state.tableEvents(t), interest: options.cluster.interest });
  const tailFrom = (now: number) => Math.floor(now / 1000) - TAIL_SECONDS;
  const overview = createOverviewRoom(io, state, tailFrom);
  const tables = createTableRooms({ io, state, clusterEvents, tailFrom, minGapMs: BEAT_MS });

  io.on('connection', (socket) => {
    socket.on('subscribe', (input) => {
      const parsed = roomSchema.safeParse(input);
      if (!parsed.success) return;
      const room = parsed.data;
      const name = roomName(room);
      // A socket is always in its own id room, hence the + 1; a pair that is not configured is no room (#17.7).
      if (!socket.rooms.has(name) && socket.rooms.size >= MAX_ROOMS_PER_SOCKET + 1) return;
      if (room.kind === 'replica-pair' && !state.replicaPair(room.pair)) return;
      if (room.kind === 'overview') {
        overview.join(socket, room.resync);
        return;
      }
      void socket.join(name);
      if (room.kind === 'table') tables.join(socket, room.table);
      else if (room.kind === 'replicas') socket.emit('replicas', state.replicas());
      else if (room.kind === 'lag') socket.emit('lag', state.lag());
      else {
        const pair = state.replicaPair(room.pair);
        if (pair) socket.emit('replica-pair', pair);
      }
    });
    socket.on('unsubscribe', (input) => {
      const parsed = roomSchema.safeParse(input);
      if (parsed.success) void socket.leave(roomName(parsed.data));
    });
    socket.on('overview-visible', (keys) => overview.setVisible(socket, keys));
  });

  function beat() {
    const rooms = io.of('/').adapter.rooms;
    const now = Date.now();
    overview.beat(now);
    if (clusterEvents) tables.check(now);
    clusterEvents?.beat();
    pushReplicas(rooms, now);
  }

  /** Replica and lag figures move with the clock (grace periods, ages), so they go out once a second when anyone watches. */
  let lastReplicas = 0;
  function pushReplicas(rooms: Map<string, Set<string>>, now: number) {
    if (now - lastReplicas < REPLICAS_EVERY_MS) return;
    lastReplicas = now;
    if (rooms.has('replicas')) io.local.to('replicas').volatile.emit('replicas', state.replicas());
    if (rooms.has('lag')) io.local.to('lag').volatile.emit('lag', state.lag());
    for (const name of rooms.keys()) {
      if (!name.startsWith('replica-pair:')) continue;
      const pair = state.replicaPair(name.slice('replica-pair:'.length));
      if (!pair) continue;
      // Joiners got the whole 15 minutes; a beat sends only the newest seconds of the series (~110 KB → a few).
      const from = tailFrom(now) * 1000;
      const series = pair.series.filter((p) => p.t >= from);
      io.local.to(name).volatile.emit('replica-pair', Object.assign(pair, { series, seriesPartial: true }));
    }
  }

  const timer = setInterval(beat, BEAT_MS);
  const tableTimer = clusterEvents ? undefined : setInterval(() => tables.check(Date.now()), TABLE_CHECK_MS);
  return {
    io,
    /** This instance's table rooms, for its cluster snapshot. */
    watching: () => clusterEvents?.watching() ?? {},
    async close() {
      clearInterval(timer);
      clearInterval(tableTimer);
      clearInterval(reauthorize);
      await io.close();
    },
  };
}
