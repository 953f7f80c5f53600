import { describe, expect, it } from 'vitest';
import type { OverviewSnapshot } from '../contracts/socket-events';
import type { TableSummary } from '../contracts/table-stats';
import { applyOverviewPushes, queueOverviewPush, type OverviewView } from './overview-apply';
import { clientRows, forget, fullFor, splitChanged, type ClientShare } from './overview-delta';
import { applyPatch, diffRow } from './overview-patch';

/** A seeded generator, so a failure replays (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const windows = (r: () => number) => ({
  m1: {
    count: Math.floor(r() * 9),
    p50: r() < 0.1 ? null : Math.floor(r() * 50),
    p95: r() < 0.1 ? null : Math.floor(r() * 90),
    p99: Math.floor(r() * 99),
    max: 100,
  },
  m5: { count: Math.floor(r() * 9), p50: 2, p95: Math.floor(r() * 90), p99: 8, max: 11 },
});

/** A row with every field the contract has, optional ones present or not. */
function makeRow(r: () => number, tableKey: string, now: number): TableSummary {
  const t = {
    table: tableKey.split('.').slice(1).join('.'),
    tableKey,
    serverName: 's',
    version: Math.floor(r() * 1e6),
    sourceIds: ['demo'],
    channels: [`t.${tableKey}`],
    totals: { c: 1, u: 2, d: 0, r: 0, t: 0, m: 0 },
    tombstones: 0,
    bytes: 100,
    undecodable: 0,
    snapshotEvents: 0,
    streamingEvents: 3,
    rate: 1,
    firstEventAt: now - 5000,
    lastEventAt: now,
    lag: { capture: windows(r), endToEnd: windows(r) },
    spark: Array.from({ length: 60 }, () => Math.floor(r() * 4)),
  } as unknown as TableSummary;
  return t;
}

/** One second of a table's life: any field may move, optional ones come and go, the sparkline shifts. */
function step(r: () => number, t: TableSummary, now: number): TableSummary {
  const n = structuredClone(t) as TableSummary & Record<string, unknown>;
  n.version = (n.version ?? 0) + 1;
  if (r() < 0.7) n.rate = Math.round(r() * 100) / 10;
  if (r() < 0.8) n.lastEventAt = now;
  if (r() < 0.5) n.totals = { ...n.totals, u: n.totals.u + 1 };
  if (r() < 0.3) n.bytes += 10;
  if (r() < 0.1) n.tombstones += 1;
  if (r() < 0.1) n.channels = [...n.channels, `x${Math.floor(r() * 3)}`];
  if (r() < 0.1) n.replays = r() < 0.5 ? 1 : undefined;
  if (r() < 0.1) n.clockTable = r() < 0.5 ? true : undefined;
  if (r() < 0.5) n.lag = { capture: windows(r), endToEnd: r() < 0.5 ? n.lag.endToEnd : windows(r) };
  if (r() < 0.5) n.lag.capture.m1.p95 = r() < 0.2 ? null : Math.floor(r() * 90);
  const shift = Math.floor(r() * 3);
  const spark = n.spark.slice(shift);
  if (r() < 0.5 && spark.length) spark[spark.length - 1] = Math.floor(r() * 9); // the second still filling
  for (let i = 0; i < shift; i++) spark.push(Math.floor(r() * 9));
  n.spark = r() < 0.05 ? spark.slice(0, 30) : spark; // a rare series of another length
  return Object.fromEntries(Object.entries(n).filter(([, v]) => v !== undefined)) as unknown as TableSummary;
}

describe('overview deltas (issue #12): the browser holds what a fresh full load holds', () => {
  it('patches turn a row into the next one, and miss no field', () => {
    const r = rng(7);
    let a = makeRow(r, 's.a.t', 1000);
    for (let i = 0; i < 500; i++) {
      const b = step(r, a, 1000 + i * 1000);
      const p = diffRow(a, b);
      expect(p ? applyPatch(a, p) : a).toEqual(b);
      a = b;
    }
  });

  it('a shown row moving one second sends its new point, not 60', () => {
    const r = rng(3);
    const a = makeRow(r, 's.a.t', 1000);
    const b = { ...a, rate: 2, spark: [...a.spark.slice(1), 7] };
    expect(diffRow(a, b)).toEqual({ tableKey: 's.a.t', set: { rate: 2 }, spark: [1, 59, 7] });
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`a random run of deltas, scrolls, new and removed tables and lost deltas (seed ${seed})`, () => {
      const r = rng(seed);
      let now = 1_000_000;
      let next = 0;
      const server = new Map<string, TableSummary>(); // the state's rows now
      const add = () => {
        const k = `s.db.t${next++}`;
        server.set(k, makeRow(r, k, now));
      };
      for (let i = 0; i < 30; i++) add();
      // The room: its rows as of the last delta, and what it knows of the one client.
      const rows = new Map(server);
      /** The room's rows as of each delta, by number. */
      const past = new Map([[0, new Map(rows)]]);
      const view = clientRows();
      let seq = 0;
      const push = (share: ClientShare, full: boolean, s?: number, removed: string[] = []): OverviewSnapshot => ({
        at: now,
        full,
        ...(s !== undefined ? { seq: s } : {}),
        sources: [],
        tables: share.tables,
        removed,
        ...(share.patches.length ? { patches: share.patches } : {}),
        ...(share.brief.length ? { brief: share.brief } : {}),
      });
      // The browser: its cache, fed through the same queue the bridge uses (pushes of one flush window).
      let queue: OverviewSnapshot[] = [];
      let cache: OverviewView | undefined;
      let heldUpTo: number | undefined;
      const flush = () => {
        if (queue.length) cache = applyOverviewPushes(cache, queue);
        queue = [];
      };
      const receive = (p: OverviewSnapshot) => (queue = queueOverviewPush(queue, p));
      receive(push(fullFor(rows.values(), view, seq), true, seq));

      /** The rows the browser's list draws; the server hears of them now, or (`late`) after the next delta. */
      let drawn: ReadonlySet<string> | undefined;
      // The room hears what the list draws; newly shown rows come whole, as of the last delta.
      const hear = (keys: ReadonlySet<string>) => {
        view.visible = keys;
        const pending = [...keys].filter((k) => !view.current.has(k) && rows.has(k));
        for (const k of pending) {
          view.current.add(k);
          if (!view.known.has(k)) view.known.set(k, seq);
        }
        if (pending.length)
          receive(push({ tables: pending.map((k) => rows.get(k) as TableSummary), patches: [], brief: [] }, false));
      };

      for (let beat = 0; beat < 150; beat++) {
        now += 1000;
        // Between deltas: the list scrolls. The browser tells the server at most every 250 ms, so a delta may be
        // computed for the rows drawn before the scroll while the list already draws the new ones.
        let late: ReadonlySet<string> | undefined;
        if (r() < 0.4) {
          const keys = [...server.keys()];
          const from = Math.floor(r() * keys.length);
          drawn = new Set(keys.slice(from, from + 8));
          if (r() < 0.5) hear(drawn);
          else late = drawn;
        }
        // A second of the pipeline: some tables change, now and then one comes or goes.
        for (const [k, t] of server) if (r() < 0.6) server.set(k, step(r, t, now));
        if (r() < 0.15) add();
        const removed = r() < 0.1 ? [[...server.keys()][Math.floor(r() * server.size)] as string] : [];
        for (const k of removed) server.delete(k);
        // The delta, as the room computes it.
        const changed = [...server.values()].filter((t) => !same(rows.get(t.tableKey), t));
        seq += 1;
        forget(view, removed);
        const delta = push(
          splitChanged(changed, (k) => rows.get(k), view, seq),
          false,
          seq,
          removed,
        );
        for (const t of changed) rows.set(t.tableKey, t);
        for (const k of removed) rows.delete(k);
        past.set(seq, new Map(rows));
        const lost = r() < 0.08;
        if (lost) heldUpTo ??= seq - 1;
        else receive(delta);
        if (r() < 0.7) {
          flush();
          // Lost delta or not, a drawn row is a state the server's row really had as of the last delta the browser
          // got (or later), or it says it is updating: never a mix of old and new figures shown as current.
          const since = [...past].filter(([s]) => s >= (cache?.seq ?? 0)).map(([, m]) => m);
          for (const t of cache?.tables ?? []) {
            const k = t.tableKey;
            if (!drawn?.has(k) || cache?.staleRows.has(k)) continue;
            expect(
              since.some((m) => same(m.get(k), t)),
              `${k} drawn as current`,
            ).toBe(true);
          }
        }
        if (late) hear(late);
        // Now and then (the browser's 5 s throttle), the client that lost one asks for a resync.
        if (heldUpTo !== undefined && r() < 0.4) {
          receive(push(fullFor(rows.values(), view, seq, heldUpTo), true, seq));
          heldUpTo = undefined;
        }
        if (heldUpTo !== undefined) continue;
        flush();
        // What a fresh full load would show: shown rows whole, every row's sort keys, no more and no fewer rows.
        const held = new Map((cache?.tables ?? []).map((t) => [t.tableKey, t]));
        expect([...held.keys()].sort()).toEqual([...server.keys()].sort());
        // Nothing lost: no drawn row is marked updating (a mark that never clears would be a lie too).
        expect([...(cache?.staleRows ?? [])].filter((k) => view.visible?.has(k))).toEqual([]);
        for (const [k, t] of server) {
          if (!view.visible || view.visible.has(k)) expect(held.get(k), k).toEqual(t);
          else {
            // The sort keys, read as the list reads them (not through briefOf, so a dropped one fails).
            const h = held.get(k) as TableSummary;
            const keys = (x: TableSummary) => [x.rate, x.lastEventAt, x.lag.capture.m1.p95, x.lag.endToEnd.m1.p95];
            expect(keys(h), k).toEqual(keys(t));
          }
        }
      }
    });
  }
});

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
