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
    // Newly shown rows come whole at once, outside the numbered stream.
    const shown = await next((p) => !p.full && p.seq === undefined);
    expect(shown.tables.map((t) => t.tableKey).sort()).toEqual(['s.t1', 's.t2']);

    touch('s.t1', 50);
    touch('s.t7', 70);
    const delta = await next((p) => !p.full && p.seq !== undefined && p.tables.length + (p.brief?.length ?? 0) > 0);
    expect(delta.seq).toBeGreaterThan(seq0);
    expect(delta.tables.map((t) => [t.tableKey, t.rate])).toEqual([['s.t1', 50]]);
    expect(delta.brief).toEqual([{ tableKey: 's.t7', rate: 70, lastEventAt: 1070, captureP95: 5, endToEndP95: 10 }]);

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
  });
});
