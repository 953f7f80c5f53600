import { notifyManager, type QueryClient } from '@tanstack/react-query';
import type { Socket } from 'socket.io-client';
import type { EventListItem } from '@/lib/contracts/event-view';
import type { ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import type { ReplicaPairSummary, ReplicasResponse } from '@/lib/contracts/replicas';
import {
  pushSchemas,
  roomName,
  type ClientToServerEvents,
  type OverviewSnapshot,
  type Room,
  type ServerToClientEvents,
} from '@/lib/contracts/socket-events';
import type { TableDetail, ThroughputPoint } from '@/lib/contracts/table-stats';
import { mergeThroughput } from '../overview/throughput-history';
import { createCoalescer } from './coalescer';
import { applyOverviewPushes, keyOf, queueOverviewPush, type OverviewView } from './overview-merge';
import { createOverviewSync } from './overview-sync';
import { applyReplicaPair, applyReplicaPairs, applyReplicasPush } from './replica-merge';
import { keyString, queryKeys } from './query-keys';
import { mergeTableDetail } from './table-merge';

export type AppSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';
export interface ConnectionState {
  status: ConnectionStatus;
  /** Reconnection attempt number while reconnecting, else 0. */
  attempt: number;
}

/**
 * At most one cache flush per 250 ms: the server pushes at most 4×/s per room,
 * so this never delays a normal push by more than one beat, and caps renders
 * if pushes ever come faster.
 */
export const FLUSH_INTERVAL_MS = 250;

/** Events kept per table in the browser; the server sends ~200 recent ones. */
export const MAX_EVENTS_PER_TABLE = 200;

type Pending =
  | { kind: 'overview'; snapshots: OverviewSnapshot[] }
  | { kind: 'table'; detail: TableDetail }
  | { kind: 'events'; table: string; events: EventListItem[] }
  | { kind: 'replicas'; pairs: ReplicaPairSummary[] }
  | { kind: 'replica-pair'; pair: ReplicaPairSummary }
  | { kind: 'lag'; snapshot: ConsumerLagSnapshot };

/** The room's Socket.IO name, shared with the server. */
export const roomKey = (room: Room): string => roomName(room);

/**
 * Union of two event lists by id, ordered by receive time (newest last),
 * keeping the newest `cap`. Works whether the server sends deltas or whole
 * windows, and when a fetch and pushes overlap.
 */
export function mergeEvents(
  prev: readonly EventListItem[] | undefined,
  incoming: readonly EventListItem[],
  cap: number,
): EventListItem[] {
  const out = prev ? prev.slice() : [];
  const seen = new Set(out.map((e) => e.id));
  let sorted = true;
  for (const e of incoming) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const last = out[out.length - 1];
    if (last && last.receivedAt > e.receivedAt) sorted = false;
    out.push(e);
  }
  // Stable sort: events received in the same millisecond keep their order.
  if (!sorted) out.sort((a, b) => a.receivedAt - b.receivedAt);
  return out.length > cap ? out.slice(out.length - cap) : out;
}

export interface RealtimeBridge {
  /** Join a room; returns the release function. Rooms are ref-counted. */
  acquire(room: Room): () => void;
  attach(socket: AppSocket): void;
  detach(): void;
  // Properties, not methods: useSyncExternalStore calls them detached from the bridge.
  getState: () => ConnectionState;
  subscribeState: (listener: () => void) => () => void;
  /** Client time of the last socket write to a query key (0 if none): lets a slow fetch yield to a newer push. */
  lastPushAt(key: readonly unknown[]): number;
  /** The overview rows the list draws: their changes come whole, the other tables' as briefs (overview-sync.ts). */
  showOverviewRows(keys: readonly string[]): void;
}

export const INITIAL_CONNECTION_STATE: ConnectionState = { status: 'connecting', attempt: 0 };

/**
 * Connects one Socket.IO client to the TanStack Query cache: room bookkeeping
 * (re-joined after every reconnect, since the server forgets rooms), pushes
 * checked, coalesced and written with `setQueryData`, connection state as an
 * external store. No React state per message.
 */
export function createRealtimeBridge(queryClient: QueryClient): RealtimeBridge {
  const rooms = new Map<string, { room: Room; count: number }>();
  const listeners = new Set<() => void>();
  const pushedAt = new Map<string, number>();
  let state = INITIAL_CONNECTION_STATE;
  let socket: AppSocket | null = null;
  let everConnected = false;
  let cleanup: (() => void) | null = null;
  const overview = createOverviewSync(() => socket);

  const setState = (next: ConnectionState) => {
    if (next.status === state.status && next.attempt === state.attempt) return;
    state = next;
    for (const l of listeners) l();
  };

  /**
   * Only checked data is ever written under a key (here and by the queries'
   * fetches), so what is cached there is read back as its type, not checked again.
   */
  const write = <T>(key: readonly unknown[], updater: (prev: T | undefined) => T) => {
    pushedAt.set(keyString(key), Date.now());
    queryClient.setQueryData<T>(key, updater);
  };

  const coalescer = createCoalescer<Pending>({
    intervalMs: FLUSH_INTERVAL_MS,
    merge: (a, b) => {
      if (a.kind === 'events' && b.kind === 'events') return { ...b, events: a.events.concat(b.events) };
      // Table pushes after the first carry only their newest seconds: fold them.
      if (a.kind === 'table' && b.kind === 'table')
        return { kind: 'table', detail: mergeTableDetail(a.detail, b.detail) };
      // Overview deltas patch what came before them: keep them in order, never drop one.
      if (a.kind === 'overview' && b.kind === 'overview')
        return { kind: 'overview', snapshots: b.snapshots.reduce(queueOverviewPush, a.snapshots) };
      // Replica pushes are complete today; should one carry a table delta, fold it too.
      if (a.kind === 'replicas' && b.kind === 'replicas')
        return { kind: 'replicas', pairs: applyReplicaPairs(a.pairs, b.pairs) };
      if (a.kind === 'replica-pair' && b.kind === 'replica-pair')
        return { kind: 'replica-pair', pair: applyReplicaPair(a.pair, b.pair) };
      return b;
    },
    flush: (batch) =>
      notifyManager.batch(() => {
        for (const p of batch.values()) {
          if (p.kind === 'overview') {
            write<OverviewView>(queryKeys.overview, (prev) => applyOverviewPushes(prev, p.snapshots));
            for (const { throughput: seconds } of p.snapshots)
              if (seconds) write<ThroughputPoint[]>(queryKeys.throughput, (prev) => mergeThroughput(prev, seconds));
          } else if (p.kind === 'table')
            write<TableDetail>(queryKeys.table(keyOf(p.detail)), (prev) => mergeTableDetail(prev, p.detail));
          else if (p.kind === 'replicas')
            write<ReplicasResponse>(queryKeys.replicas, (prev) => applyReplicasPush(prev, p.pairs));
          else if (p.kind === 'replica-pair')
            write<ReplicaPairSummary>(queryKeys.replicaPair(p.pair.pairId), (prev) => applyReplicaPair(prev, p.pair));
          else if (p.kind === 'lag') write<ConsumerLagSnapshot>(queryKeys.lag, () => p.snapshot);
          else
            write<EventListItem[]>(queryKeys.tableEvents(p.table), (prev) =>
              mergeEvents(prev, p.events, MAX_EVENTS_PER_TABLE),
            );
        }
      }),
  });

  const dropped = (what: string) => console.warn(`cdcscope: ignored a malformed '${what}' push`);

  function attach(s: AppSocket): void {
    detach();
    socket = s;
    const onConnect = () => {
      for (const { room } of rooms.values()) s.emit('subscribe', room);
      overview.connected(s);
      // Pushes come only on change: after a gap, refetch what is on screen.
      if (everConnected) void queryClient.invalidateQueries({ type: 'active' });
      everConnected = true;
      setState({ status: 'connected', attempt: 0 });
    };
    const onDisconnect = (reason: string) => {
      setState({ status: reason === 'io client disconnect' ? 'disconnected' : 'reconnecting', attempt: 0 });
    };
    const onConnectError = () =>
      setState({ status: s.active ? 'reconnecting' : 'disconnected', attempt: state.attempt });
    const onAttempt = (attempt: number) => setState({ status: 'reconnecting', attempt });
    const onFailed = () => setState({ status: 'disconnected', attempt: state.attempt });
    /*
     * Every push is checked whole against its contract schema before it is
     * buffered. Cheap enough for pushes at most 4×/s per room (measured by
     * bench/wire-checks.ts): about 1 ms for a full 500-table overview (sent
     * on join and after a lost delta; deltas carry only changed tables),
     * about 0.2 ms for a table detail or a replica pair with 900-point
     * series; a third or less of what decoding the frame's JSON costs
     * anyway. The hand-written shallow checks this replaced were cheaper,
     * but they were a second copy of every shape, free to drift from it.
     */
    const onOverview = (x: unknown) => {
      const r = pushSchemas.overview.safeParse(x);
      if (!r.success) {
        dropped('overview');
        return;
      }
      overview.received(s, r.data);
      coalescer.push('overview', { kind: 'overview', snapshots: [r.data] });
    };
    const onTable = (x: unknown) => {
      const r = pushSchemas.table.safeParse(x);
      if (r.success) coalescer.push(`table:${keyOf(r.data)}`, { kind: 'table', detail: r.data });
      else dropped('table');
    };
    const onEvents = (x: unknown) => {
      const r = pushSchemas['table-events'].safeParse(x);
      if (r.success)
        coalescer.push(`events:${r.data.table}`, { kind: 'events', table: r.data.table, events: r.data.events });
      else dropped('table-events');
    };
    const onReplicas = (x: unknown) => {
      const r = pushSchemas.replicas.safeParse(x);
      if (r.success) coalescer.push('replicas', { kind: 'replicas', pairs: r.data });
      else dropped('replicas');
    };
    const onReplicaPair = (x: unknown) => {
      const r = pushSchemas['replica-pair'].safeParse(x);
      if (r.success) coalescer.push(`replica-pair:${r.data.pairId}`, { kind: 'replica-pair', pair: r.data });
      else dropped('replica-pair');
    };
    const onLag = (x: unknown) => {
      const r = pushSchemas.lag.safeParse(x);
      if (r.success) coalescer.push('lag', { kind: 'lag', snapshot: r.data });
      else dropped('lag');
    };

    s.on('connect', onConnect);
    s.on('disconnect', onDisconnect);
    s.on('connect_error', onConnectError);
    s.io.on('reconnect_attempt', onAttempt);
    s.io.on('reconnect_failed', onFailed);
    s.on('overview', onOverview);
    s.on('table', onTable);
    s.on('table-events', onEvents);
    s.on('replicas', onReplicas);
    s.on('replica-pair', onReplicaPair);
    s.on('lag', onLag);
    if (s.connected) onConnect();

    cleanup = () => {
      s.off('connect', onConnect);
      s.off('disconnect', onDisconnect);
      s.off('connect_error', onConnectError);
      s.io.off('reconnect_attempt', onAttempt);
      s.io.off('reconnect_failed', onFailed);
      s.off('overview', onOverview);
      s.off('table', onTable);
      s.off('table-events', onEvents);
      s.off('replicas', onReplicas);
      s.off('replica-pair', onReplicaPair);
      s.off('lag', onLag);
    };
  }

  function detach(): void {
    overview.stop();
    cleanup?.();
    cleanup = null;
    socket = null;
    coalescer.flushNow();
  }

  return {
    acquire(room) {
      const key = roomKey(room);
      const entry = rooms.get(key);
      if (entry) entry.count += 1;
      else {
        rooms.set(key, { room, count: 1 });
        if (socket?.connected) socket.emit('subscribe', room);
      }
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const e = rooms.get(key);
        if (!e) return;
        e.count -= 1;
        if (e.count > 0) return;
        rooms.delete(key);
        if (socket?.connected) socket.emit('unsubscribe', e.room);
      };
    },
    attach,
    detach,
    getState: () => state,
    subscribeState(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lastPushAt: (key) => pushedAt.get(keyString(key)) ?? 0,
    showOverviewRows: (keys) => overview.show(keys),
  };
}
