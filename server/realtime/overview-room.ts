import '../server-only';
import type { Server, Socket } from 'socket.io';
import {
  overviewVisibleSchema,
  type ClientToServerEvents,
  type OverviewSnapshot,
  type ServerToClientEvents,
} from '../../lib/contracts/socket-events';
import { splitChanged } from '../../lib/overview/overview-delta';
import type { DashboardState } from '../pipeline/dashboard-state';

type IoServer = Server<ClientToServerEvents, ServerToClientEvents>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents>;

const ROOM = 'overview';
/**
 * Overview deltas once a second, not every beat: its rows' figures (rate,
 * 60 s sparkline, lag percentiles, the chart's seconds) move by the second,
 * and 4×/s would cost 4× the traffic for nothing a reader sees.
 */
const OVERVIEW_EVERY_MS = 1_000;

interface ClientView {
  /** Keys the client's list shows; undefined until it says (every row whole). */
  visible?: Set<string>;
  /** Newly shown keys whose whole rows go out on the next beat. */
  pending?: Set<string>;
}

/**
 * The overview room: one delta computed per second for all its clients, then
 * split per client into whole rows (what it shows) and briefs (what it does
 * not), numbered so a client that lost one asks for a full push instead of
 * every client getting one every few seconds (500 tables: ~375 KB each).
 */
export function createOverviewRoom(io: IoServer, state: DashboardState, tailFrom: (now: number) => number) {
  let version = 0;
  let seq = 0;
  let lastDelta = 0;
  /** Keys every member has had whole at least once: the others go whole to all, as they have nothing to patch. */
  const announced = new Set<string>();
  const views = new WeakMap<IoSocket, ClientView>();
  const members = () => io.of('/').adapter.rooms.get(ROOM);
  const memberSockets = function* () {
    for (const id of members() ?? []) {
      const s = io.of('/').sockets.get(id);
      if (s) yield s;
    }
  };

  /** A joining (or resyncing) client: every table, numbered as the last delta. */
  function join(socket: IoSocket) {
    const alone = !members()?.size || (members()?.size === 1 && members()?.has(socket.id));
    const now = Date.now();
    const { tables, version: v } = state.tables();
    if (alone) {
      // No one else to keep in step: the deltas restart from this snapshot.
      version = v;
      announced.clear();
      for (const t of tables) announced.add(t.tableKey);
    }
    void socket.join(ROOM);
    const snap: OverviewSnapshot = {
      at: now,
      full: true,
      seq,
      sources: state.sources(),
      tables,
      removed: [],
      throughput: state.throughput(tailFrom(now)),
    };
    socket.emit('overview', snap);
  }

  function setVisible(socket: IoSocket, input: unknown) {
    const parsed = overviewVisibleSchema.safeParse(input);
    if (!parsed.success) return;
    const view = views.get(socket) ?? {};
    const next = new Set(parsed.data);
    for (const k of next) if (!view.visible?.has(k)) (view.pending ??= new Set()).add(k);
    view.visible = next;
    views.set(socket, view);
  }

  function beat(now: number) {
    if (!members()?.size) return;
    sendPending(now);
    if (now - lastDelta < OVERVIEW_EVERY_MS) return;
    lastDelta = now;
    const { tables: changed, version: v } = state.tables(version);
    const removed = state.removedSince(version);
    version = v;
    seq += 1;
    // Sources carry live status and counters, so a delta always includes them.
    const common = {
      at: now,
      full: false,
      seq,
      sources: state.sources(),
      removed,
      throughput: state.throughput(tailFrom(now)),
    };
    const isNew = (k: string) => !announced.has(k);
    for (const socket of memberSockets()) {
      const { tables, brief } = splitChanged(changed, views.get(socket)?.visible, isNew);
      socket.volatile.emit('overview', { ...common, tables, ...(brief.length ? { brief } : {}) });
    }
    for (const t of changed) announced.add(t.tableKey);
    for (const k of removed) announced.delete(k);
  }

  /** Whole rows of tables a client just scrolled to, at most once per beat (one summary pass for all clients). */
  function sendPending(now: number) {
    let byKey: Map<string, OverviewSnapshot['tables'][number]> | undefined;
    for (const socket of memberSockets()) {
      const view = views.get(socket);
      if (!view?.pending?.size) continue;
      byKey ??= new Map(state.tables().tables.map((t) => [t.tableKey, t]));
      const tables = [...view.pending].flatMap((k) => byKey?.get(k) ?? []);
      view.pending = undefined;
      // Not a delta of the numbered stream (no `seq`), so the client's gap check is unmoved by it.
      if (tables.length)
        socket.emit('overview', { at: now, full: false, sources: state.sources(), tables, removed: [] });
    }
  }

  return { join, setVisible, beat };
}
