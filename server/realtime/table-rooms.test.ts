import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TableDetail } from '../../lib/contracts/table-stats';
import type { DashboardState } from '../pipeline/dashboard-state';
import { attachRealtime } from './socket-server';

/** One table whose version `touch` moves, as the pipeline does on every event; `table()` says which version it shows. */
let version = 1;
const touch = () => ++version;
/** The table's recent events, as the inspector's buffer gives them: oldest first, with their receive time. */
const events: { id: string; receivedAt: number }[] = [];
const state = {
  table: (key: string) => ({ tableKey: key, version }) as unknown as TableDetail,
  tableVersion: () => version,
  tableEvents: () => events,
  tables: () => ({ tables: [], version: 0 }),
  sources: () => [],
  throughput: () => [],
  removedSince: () => [],
  replicas: () => [],
} as unknown as DashboardState;

let http: HttpServer;
let realtime: ReturnType<typeof attachRealtime>;
let client: ClientSocket;
const pushes: { at: number; version: number; partial: boolean }[] = [];
const received = new Set<string>();

beforeAll(async () => {
  http = createServer();
  realtime = attachRealtime(http, state);
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
  client.on('table', (d: { version: number; partial?: boolean }) =>
    pushes.push({ at: Date.now(), version: d.version, partial: d.partial === true }),
  );
  client.on('table-events', (p: { events: { id: string }[] }) => {
    for (const e of p.events) received.add(e.id);
  });
  await new Promise<void>((r) => client.once('connect', () => r()));
});
afterAll(async () => {
  client.close();
  await realtime.close();
  await new Promise((r) => http.close(r));
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function pushOf(v: number): Promise<{ at: number; version: number }> {
  for (let i = 0; i < 60; i++) {
    const p = pushes.find((x) => x.partial && x.version === v);
    if (p) return p;
    await sleep(50);
  }
  throw new Error(`no push of version ${v} among ${JSON.stringify(pushes)}`);
}

describe('table rooms (issue #11, freshness)', () => {
  it('push a change when it happens, the newest version of a burst once, and nothing while the table is still', async () => {
    client.emit('subscribe', { kind: 'table', table: 's.t' });
    await pushOf(1).catch(() => undefined); // the room's first check may push the version the join sent
    // Nothing changes: nothing is pushed, beat after beat.
    await sleep(300);
    const still = pushes.length;
    await sleep(700);
    expect(pushes.length).toBe(still);

    // A change after a quiet spell is pushed on its own.
    touch();
    const one = await pushOf(2);
    expect(one.version).toBe(2);

    // A burst inside one gap: its last version goes out, the ones in between need not.
    const before = pushes.length;
    for (let i = 0; i < 5; i++) {
      touch();
      await sleep(10);
    }
    await pushOf(version);
    const burst = pushes.slice(before).filter((p) => p.partial);
    expect(burst.length).toBeLessThanOrEqual(2);
    // At most one push per 250 ms gap (received, so with some jitter): never two of the room much closer.
    const partial = pushes.filter((p) => p.partial);
    for (let i = 1; i < partial.length; i++)
      expect((partial[i]?.at ?? 0) - (partial[i - 1]?.at ?? 0)).toBeGreaterThanOrEqual(200);
  });

  it('every new event reaches the client, though it is sent right after the detail', async () => {
    // Socket.IO drops a volatile packet while the previous one is still being written: the events, sent in the
    // same tick as the detail, were lost that way every time until they were made reliable.
    for (let i = 0; i < 6; i++) {
      events.push({ id: `e${i}`, receivedAt: Date.now() + i });
      touch();
      await sleep(300);
    }
    for (let i = 0; i < 40 && received.size < 6; i++) await sleep(50);
    expect([...received].sort()).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'e5']);
  });
});
