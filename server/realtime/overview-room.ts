import '../server-only';
import type { Server, Socket } from 'socket.io';
import {
  overviewVisibleSchema,
  type ClientToServerEvents,
  type OverviewSnapshot,
  type ServerToClientEvents,
} from '../../lib/contracts/socket-events';
import type { TableSummary } from '../../lib/contracts/table-stats';
import { clientRows, forget, fullFor, splitChanged, type ClientRows } from '../../lib/overview/overview-delta';
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

interface ClientView extends ClientRows {
  /** Newly shown keys whose whole rows go out on the next beat. */
  pending?: Set<string>;
}

/**
 * The overview room: one delta computed per second for all its clients, then
 * split per client (lib/overview/overview-delta.ts) into the changed fields
 * of the rows it shows, whole rows of the ones it shows anew, and briefs of
 * sort keys that moved for the rest; numbered so a client that lost one asks
 * for a resync: whole rows only for the rows it shows (500 tables: ~375 KB
 * for all of them whole).
 */
export function createOverviewRoom(io: IoServer, state: DashboardState, tailFrom: (now: number) => number) {
  let version = 0;
  let seq = 0;
  let lastDelta = 0;
  /**
   * Every table's row as of the last delta: what every member holds of the
   * rows it holds current, so patches are computed against it and whole rows
   * sent between deltas come from it. Bounded by the tables the state tracks
   * (removed keys leave it).
   */
  const rows = new Map<string, TableSummary>();
  const views = new WeakMap<IoSocket, ClientView>();
  const viewOf = (socket: IoSocket) => {
    let view = views.get(socket);
    if (!view) views.set(socket, (view = clientRows()));
    return view;
  };
  const members = () => io.of('/').adapter.rooms.get(ROOM);
  const memberSockets = function* () {
    for (const id of members() ?? []) {
      const s = io.of('/').sockets.get(id);
      if (s) yield s;
    }
  };

  /** A joining (or resyncing) client: every table, numbered as the last delta. */
  function join(socket: IoSocket, resyncAfter?: number) {
    const alone = !members()?.size || (members()?.size === 1 && members()?.has(socket.id));
    const now = Date.now();
    if (alone) {
      // No one else to keep in step: the deltas restart from this snapshot.
      const { tables, version: v } = state.tables();
      version = v;
      rows.clear();
      for (const t of tables) rows.set(t.tableKey, t);
    }
    void socket.join(ROOM);
    const view = viewOf(socket);
    view.pending = undefined;
    const { tables, brief } = fullFor(rows.values(), view, seq, resyncAfter);
    const snap: OverviewSnapshot = {
      at: now,
      full: true,
      seq,
      sources: state.sources(),
      tables,
      ...(brief.length ? { brief } : {}),
      removed: [],
      throughput: state.throughput(tailFrom(now)),
    };
    socket.emit('overview', snap);
  }

  function setVisible(socket: IoSocket, input: unknown) {
    const parsed = overviewVisibleSchema.safeParse(input);
    if (!parsed.success) return;
    const view = viewOf(socket);
    const next = new Set(parsed.data);
    for (const k of next) if (!view.current.has(k)) (view.pending ??= new Set()).add(k);
    view.visible = next;
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
    const prev = (k: string) => rows.get(k);
    for (const socket of memberSockets()) {
      const view = viewOf(socket);
      forget(view, removed);
      const { tables, patches, brief } = splitChanged(changed, prev, view, seq);
      socket.volatile.emit('overview', {
        ...common,
        tables,
        ...(patches.length ? { patches } : {}),
        ...(brief.length ? { brief } : {}),
      });
    }
    for (const t of changed) rows.set(t.tableKey, t);
    for (const k of removed) rows.delete(k);
  }

  /**
   * Whole rows of tables a client just scrolled to, at most once per beat, as
   * of the last delta (so the next delta's patches apply to them).
   */
  function sendPending(now: number) {
    for (const socket of memberSockets()) {
      const view = views.get(socket);
      if (!view?.pending?.size) continue;
      const tables = [...view.pending].flatMap((k) => rows.get(k) ?? []);
      view.pending = undefined;
      for (const t of tables) {
        view.current.add(t.tableKey);
        if (!view.known.has(t.tableKey)) view.known.set(t.tableKey, seq);
      }
      // Not a delta of the numbered stream (no `seq`), so the client's gap check is unmoved by it.
      if (tables.length)
        socket.emit('overview', { at: now, full: false, sources: state.sources(), tables, removed: [] });
    }
  }

  return { join, setVisible, beat };
}
