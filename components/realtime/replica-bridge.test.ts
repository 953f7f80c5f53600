import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ReplicaPairSummary, ReplicasResponse } from '@/lib/contracts/replicas';
import { lagFixture } from '@/lib/contracts/fixtures/consumer-lag';
import { replicaPair as pair, replicaTable as table } from '@/lib/contracts/fixtures/replica-pair';
import { queryKeys } from './query-keys';
import { createRealtimeBridge, type AppSocket } from './realtime-bridge';
import { applyReplicaPair, applyReplicasPush } from './replica-merge';

describe('replica merges', () => {
  it('folds a table delta into the cached pair, keeping unmentioned tables', () => {
    const full = pair('p', [table('inv.a', 1), table('inv.b', 1)]);
    const delta = pair('p', [table('inv.b', 5), table('inv.c', 1)], { tablesComplete: false });
    const merged = applyReplicaPair(full, delta);
    expect(merged.tables.map((t) => [t.table, t.matched])).toEqual([
      ['inv.a', 1],
      ['inv.b', 5],
      ['inv.c', 1],
    ]);
    expect(merged.tablesComplete).toBe(true);
    expect(applyReplicaPair(full, pair('p', [table('inv.z', 1)]))).toEqual(pair('p', [table('inv.z', 1)]));
  });

  it('splices a partial series push onto the cached 15 minutes', () => {
    const point = (s: number, matched: number) => ({
      t: s * 1000,
      matched,
      delayMeanMs: null,
      delayMaxMs: null,
      duplicates: 0,
      divergent: 0,
      onlyInA: null,
      onlyInB: null,
    });
    const full = pair('p', [], { series: [point(1, 1), point(2, 1), point(3, 1)] });
    const push = pair('p', [], { series: [point(3, 7), point(4, 7)], seriesPartial: true });
    const merged = applyReplicaPair(full, push);
    expect(merged.series.map((p) => [p.t / 1000, p.matched])).toEqual([
      [1, 1],
      [2, 1],
      [3, 7],
      [4, 7],
    ]);
    expect(merged.seriesPartial).toBeUndefined();
  });

  it('keeps the HTTP-only suggestions under a push', () => {
    const prev: ReplicasResponse = {
      pairs: [pair('p', [])],
      suggestions: [{ serverA: 'x', serverB: 'y', tables: ['t.t'] }],
    };
    const next = applyReplicasPush(prev, [pair('p', [table('inv.a', 1)]), pair('q', [])]);
    expect(next.pairs.map((p) => p.pairId)).toEqual(['p', 'q']);
    expect(next.suggestions).toBe(prev.suggestions);
    expect(applyReplicasPush(undefined, []).suggestions).toEqual([]);
  });
});

/** Just enough of a Socket.IO client for the bridge. */
function fakeSocket() {
  const handlers = new Map<string, ((x: unknown) => void)[]>();
  const emitted: [string, unknown][] = [];
  const on = (ev: string, fn: (x: unknown) => void) => void handlers.set(ev, [...(handlers.get(ev) ?? []), fn]);
  const off = (ev: string, fn: (x: unknown) => void) =>
    void handlers.set(
      ev,
      (handlers.get(ev) ?? []).filter((f) => f !== fn),
    );
  const socket = {
    connected: true,
    active: true,
    on,
    off,
    emit: (ev: string, x: unknown) => void emitted.push([ev, x]),
    io: { on: () => undefined, off: () => undefined },
  };
  return {
    socket: socket as unknown as AppSocket,
    emitted,
    push: (ev: string, x: unknown) => {
      for (const fn of handlers.get(ev) ?? []) fn(x);
    },
  };
}

describe('bridge: replica and lag rooms', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('joins the rooms and writes checked pushes to their query keys', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const qc = new QueryClient();
    const bridge = createRealtimeBridge(qc);
    const s = fakeSocket();
    bridge.attach(s.socket);
    const release = bridge.acquire({ kind: 'replica-pair', pair: 'p' });
    bridge.acquire({ kind: 'lag' });
    expect(s.emitted).toEqual([
      ['subscribe', { kind: 'replica-pair', pair: 'p' }],
      ['subscribe', { kind: 'lag' }],
    ]);

    qc.setQueryData(queryKeys.replicas, { pairs: [], suggestions: [{ serverA: 'x', serverB: 'y', tables: [] }] });
    s.push('replicas', [pair('p', [table('inv.a', 1)])]);
    s.push('replica-pair', pair('p', [table('inv.a', 2)], { series: [] }));
    s.push('lag', lagFixture());
    s.push('lag', { at: 'broken' });
    vi.advanceTimersByTime(300);

    const replicas = qc.getQueryData<ReplicasResponse>(queryKeys.replicas);
    expect(replicas?.pairs[0]?.tables[0]?.matched).toBe(1);
    expect(replicas?.suggestions).toHaveLength(1);
    expect(qc.getQueryData<ReplicaPairSummary>(queryKeys.replicaPair('p'))?.tables[0]?.matched).toBe(2);
    expect(qc.getQueryData(queryKeys.lag)).toEqual(lagFixture());
    expect(bridge.lastPushAt(queryKeys.lag)).toBeGreaterThan(0);
    expect(warn).toHaveBeenCalledWith("cdcscope: ignored a malformed 'lag' push");
    warn.mockRestore();

    release();
    expect(s.emitted.at(-1)).toEqual(['unsubscribe', { kind: 'replica-pair', pair: 'p' }]);
    bridge.detach();
  });
});
