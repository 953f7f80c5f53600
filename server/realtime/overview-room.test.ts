import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OverviewSnapshot } from '../../lib/contracts/socket-events';
import type { TableSummary } from '../../lib/contracts/table-stats';
import { row } from '../../lib/overview/summary-rows.fixture';
import type { DashboardState } from '../pipeline/dashboard-state';
import { attachRealtime } from './socket-server';

/** Ten tables, each bumped (a new version) by `touch`, as the pipeline does on every event. */
let version = 0;
const rows = new Map<string, TableSummary>();
const touch = (key: string, rate: number) => rows.set(key, { ...row(key, rate), version: ++version });
for (let i = 0; i < 10; i++) touch(`s.t${i}`, i);
const state = {
  tables: (since = 0) => ({ tables: [...rows.values()].filter((t) => (t.version ?? 0) > since), version }),
  sources: () => [],
  throughput: () => [],
  removedSince: () => [],
} as unknown as DashboardState;

let http: HttpServer;
let realtime: ReturnType<typeof attachRealtime>;
let client: ClientSocket;
const pushes: OverviewSnapshot[] = [];

beforeAll(async () => {
  http = createServer();
  realtime = attachRealtime(http, state);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  client.on('overview', (p: OverviewSnapshot) => pushes.push(p));
  await new Promise<void>((r) => client.once('connect', () => r()));
});
afterAll(async () => {
  client.close();
  await realtime.close();
  await new Promise((r) => http.close(r));
});

async function next(ok: (p: OverviewSnapshot) => boolean): Promise<OverviewSnapshot> {
  for (let i = 0; i < 60; i++) {
    const p = pushes.find(ok);
    if (p) return p;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no such push among ${pushes.length}`);
}

describe('overview room (issue #12: 500 tables within 30 KB/s)', () => {
  it('sends whole rows only for what the client shows, numbers its deltas, and heals a gap with a full push', async () => {
    client.emit('subscribe', { kind: 'overview' });
    const full = await next((p) => p.full);
    expect(full.tables).toHaveLength(10);
    const seq0 = full.seq ?? -1;

    client.emit('overview-visible', ['s.t1', 's.t2']);
    // The full push made every row current: nothing is sent again for being shown.
    await new Promise((r) => setTimeout(r, 300));
    expect(pushes.filter((p) => !p.full && p.seq === undefined)).toEqual([]);

    touch('s.t1', 50);
    touch('s.t7', 70);
    const delta = await next(
      (p) => !p.full && p.seq !== undefined && (p.patches?.length ?? 0) + (p.brief?.length ?? 0) > 0,
    );
    expect(delta.seq).toBeGreaterThan(seq0);
    // A shown row the client holds: only what changed (the fixture's spark is [rate]: one new point, none kept).
    expect(delta.tables).toEqual([]);
    expect(delta.patches).toEqual([
      {
        tableKey: 's.t1',
        set: { rate: 50, lastEventAt: 1050, totals: { c: 50 }, version: version - 1 },
        spark: [0, 0, 50],
      },
    ]);
    expect(delta.brief).toEqual([['s.t7', 70, 1070, 5, 10]]);

    // A table no push has carried yet comes whole even off screen: the client has no row to patch.
    touch('s.new', 3);
    const withNew = await next((p) => p.tables.some((t) => t.tableKey === 's.new'));
    expect(withNew.brief ?? []).toEqual([]);

    // Deltas come every second, numbered upwards, whether or not anything changed (a volatile one may be lost:
    // a delta due while the full push is still being written is dropped, and its number is skipped).
    const later = await next((p) => (p.seq ?? 0) >= seq0 + 4);
    const seqs = pushes.filter((p) => !p.full && p.seq !== undefined).map((p) => p.seq ?? 0);
    expect(seqs.every((n, i) => n > (seqs[i - 1] ?? seq0))).toBe(true);
    expect(later.full).toBe(false);

    // Asking again (what the browser does on a skipped number) gets a full push with the current number.
    const before = pushes.length;
    client.emit('subscribe', { kind: 'overview' });
    const again = await next((p) => p.full && pushes.indexOf(p) >= before);
    expect(again.tables).toHaveLength(11);
    expect(again.seq).toBeGreaterThanOrEqual(later.seq ?? 0);

    // A resync (the client holds every row): whole rows only for the shown ones, briefs for the rest.
    const mark = pushes.length;
    client.emit('subscribe', { kind: 'overview', resync: again.seq });
    const resync = await next((p) => p.full && pushes.indexOf(p) >= mark);
    expect(resync.tables.map((t) => t.tableKey).sort()).toEqual(['s.t1', 's.t2']);
    expect(resync.brief).toHaveLength(9);

    // A row scrolled to after that comes whole at once, outside the numbered stream.
    const mark2 = pushes.length;
    client.emit('overview-visible', ['s.t7']);
    const shown = await next((p) => !p.full && p.seq === undefined && pushes.indexOf(p) >= mark2);
    expect(shown.tables.map((t) => t.tableKey)).toEqual(['s.t7']);
  });
});
