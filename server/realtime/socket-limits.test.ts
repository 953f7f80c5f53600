import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardState } from '../pipeline/dashboard-state';
import { attachRealtime } from './socket-server';
import { createSocketCounter, MAX_ROOMS_PER_SOCKET } from './socket-limits';

/** Just enough dashboard for the socket layer: no tables, one configured replica pair. */
const state = {
  tables: () => ({ tables: [], version: 0 }),
  sources: () => [],
  throughput: () => [],
  removedSince: () => [],
  table: () => undefined,
  tableEvents: () => [],
  tableVersion: () => 0,
  replicas: () => [],
  replicaPair: (id: string) => (id === 'configured' ? ({ pair: { pairId: id }, series: [] } as never) : undefined),
  lag: () => ({ groups: [] }) as never,
} as unknown as DashboardState;

let http: HttpServer;
let realtime: ReturnType<typeof attachRealtime>;
let url = '';
const clients: ClientSocket[] = [];

beforeAll(async () => {
  http = createServer();
  realtime = attachRealtime(http, state, {
    allowRequest: (req) => req.headers.host?.startsWith('127.0.0.1:') ?? false,
    owner: (req) => ({ key: String(req.headers['x-test-user']), max: 2 }),
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const c of clients) c.close();
  await realtime.close();
  await new Promise((r) => http.close(r));
});

/** Connects as `user`; resolves with the socket once connected, or the server's refusal. */
function open(user: string, host?: string): Promise<ClientSocket | string> {
  const c = connect(url, {
    transports: ['websocket'],
    reconnection: false,
    extraHeaders: { 'x-test-user': user, ...(host ? { host } : {}) },
  });
  clients.push(c);
  return new Promise((resolve) => {
    c.once('connect', () => resolve(c));
    c.once('connect_error', (err) => resolve(err.message));
  });
}

const serverSocket = (c: ClientSocket) => {
  const s = realtime.io.of('/').sockets.get(c.id ?? '');
  if (!s) throw new Error('no server socket');
  return s;
};
const settle = () => new Promise((r) => setTimeout(r, 100));
/** Polls until `ok` holds (the server handles a burst of emits in its own time), at most 5 s. */
async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ok(); i++) await settle();
}

describe('socket caps (issue #17.7)', () => {
  it("refuses a user's sockets past the cap, and frees a slot when one closes", async () => {
    const a = await open('mallory');
    const b = await open('mallory');
    expect(typeof a).not.toBe('string');
    expect(typeof b).not.toBe('string');
    expect(await open('mallory')).toBe('too many connections');
    expect(typeof (await open('alice'))).not.toBe('string');
    (a as ClientSocket).close();
    await settle();
    expect(typeof (await open('mallory'))).not.toBe('string');
  });

  it('joins at most MAX_ROOMS_PER_SOCKET rooms, and no room for a pair that is not configured', async () => {
    const c = await open('roomy');
    if (typeof c === 'string') throw new Error(c);
    for (let i = 0; i < 1_000; i++) c.emit('subscribe', { kind: 'table', table: `made.up.t${i}` });
    c.emit('subscribe', { kind: 'replica-pair', pair: 'invented' });
    // A table's first answer comes after every subscribe before it has been handled (one socket's events run in order).
    await new Promise<void>((r) => {
      c.on('table-events', (p: { table: string }) => {
        if (p.table === 'made.up.t15') r();
      });
    });
    await settle();
    const rooms = serverSocket(c).rooms;
    expect(rooms.size).toBe(MAX_ROOMS_PER_SOCKET + 1);
    expect([...rooms].some((r) => r.startsWith('replica-pair:'))).toBe(false);
    // Leaving one makes room for another; a configured pair is a room.
    c.emit('unsubscribe', { kind: 'table', table: 'made.up.t0' });
    c.emit('subscribe', { kind: 'replica-pair', pair: 'configured' });
    await until(() => [...serverSocket(c).rooms].some((r) => r.startsWith('replica-pair:')));
    expect([...serverSocket(c).rooms].some((r) => r.startsWith('replica-pair:'))).toBe(true);
  });

  it("refuses a socket whose Host is not this server's (DNS rebinding, #17.9)", async () => {
    expect(typeof (await open('eve', 'rebind.evil.example:3000'))).toBe('string');
    expect(typeof (await open('eve'))).not.toBe('string');
  });

  it('counts per key and never goes below zero', () => {
    const counter = createSocketCounter();
    expect([counter.acquire('k', 1), counter.acquire('k', 1)]).toEqual([true, false]);
    counter.release('k');
    counter.release('k');
    expect(counter.size).toBe(0);
    expect(counter.acquire('k', 1)).toBe(true);
  });
});
