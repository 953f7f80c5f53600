import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { EventListItem } from '../../lib/contracts/event-view';
import type { ClientToServerEvents, OverviewSnapshot, ServerToClientEvents } from '../../lib/contracts/socket-events';
import type { ClusterNode } from '../../server/cluster/cluster-node';
import type { DashboardState } from '../../server/pipeline/dashboard-state';
import { clearRun, serveClusterNode } from '../support/cluster-instance';
import { waitFor } from '../support/stack-env';

/**
 * Issue #14, live pushes, on the machine's Redis: two instances, each its own
 * cluster node (snapshots in Redis) and Socket.IO with the Redis adapter, as
 * server/main.ts wires them. Instance "owner" has read a table's events,
 * instance "other" has not; a socket on "other" watching the table receives
 * them all, each once. The pipelines are stand-ins (this is about the fan-out;
 * test/integration/cluster-pushes.test.ts runs the same through Kafka).
 */
const run = `itf${Date.now()}`;
const TABLE = 'pg.inventory.customers';

const event = (n: number): EventListItem => ({
  id: `k:${TABLE}/0:${n}`,
  sourceId: 'k',
  channel: `${TABLE}/0`,
  position: String(n),
  receivedAt: Date.now(),
  kind: 'change',
  tableKey: TABLE,
  op: 'c',
  sizeBytes: 10,
});

/** The parts of the dashboard state the pushes read; `events` is what this instance has read of the table. */
function standIn(events: EventListItem[]): DashboardState {
  return {
    sources: () => [],
    tables: () => ({ tables: [], version: 0 }),
    removedSince: () => [],
    throughput: () => [],
    table: () => undefined,
    tableVersion: () => events.length,
    tableEvents: (t: string) => (t === TABLE ? events : []),
    replicas: () => [],
    replicaPair: () => undefined,
  } as unknown as DashboardState;
}

interface Instance {
  node: ClusterNode;
  events: EventListItem[];
  url: string;
  close(): Promise<void>;
}

async function start(id: string): Promise<Instance> {
  const events: EventListItem[] = [];
  const served = await serveClusterNode({
    id,
    run,
    partials: () => [],
    stateOf: () => standIn(events),
    timing: { publishMs: 250, staleMs: 2_000 },
  });
  return { node: served.node, events, url: served.url, close: () => served.stop(true) };
}

let owner: Instance;
let other: Instance;
let client: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;
let ownersClient: Socket<ServerToClientEvents, ClientToServerEvents> | undefined;

beforeAll(async () => {
  [owner, other] = await Promise.all([start('owner'), start('other')]);
});
afterAll(async () => {
  client?.disconnect();
  ownersClient?.disconnect();
  await Promise.all([owner.close(), other.close()]);
  await clearRun(run);
});

describe('live pushes across instances, through Redis (issue #14)', () => {
  it("a socket on one instance receives another instance's events of the table it watches, each once", async () => {
    owner.events.push(event(0), event(1), event(2));
    const received: EventListItem[] = [];
    const overviews: OverviewSnapshot[] = [];
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(other.url, {
      transports: ['websocket'],
      reconnection: false,
    });
    client = socket;
    socket.on('table-events', (p) => received.push(...p.events));
    socket.on('overview', (o) => overviews.push(o));
    await waitFor('the socket connects', () => socket.connected, 10_000, 50);
    socket.emit('subscribe', { kind: 'table', table: TABLE });
    socket.emit('subscribe', { kind: 'overview' });

    // The owner learns of the watcher from other's next snapshot and sends what it has read of the table.
    await waitFor('the 3 earlier events', () => received.length >= 3, 10_000, 50);
    expect(received.map((e) => e.position)).toEqual(['0', '1', '2']);
    expect(other.node.interest(Date.now()).size).toBe(0);
    expect([...(owner.node.interest(Date.now()).get(TABLE)?.keys() ?? [])]).toEqual([other.node.incarnation]);

    owner.events.push(event(3), event(4));
    await waitFor('the 2 new events', () => received.length >= 5, 5_000, 50);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(received.map((e) => e.position)).toEqual(['0', '1', '2', '3', '4']);

    // Every other push stays local: with a socket on `owner` watching the overview too, the one on `other`
    // still gets its overview from `other` alone, about once a second.
    ownersClient = connect(owner.url, { transports: ['websocket'], reconnection: false });
    ownersClient.emit('subscribe', { kind: 'overview' });
    const ownersOverviews: OverviewSnapshot[] = [];
    ownersClient.on('overview', (o) => ownersOverviews.push(o));
    await waitFor("the owner's socket gets overviews", () => ownersOverviews.length > 0, 5_000, 50);
    const before = overviews.length;
    await new Promise((r) => setTimeout(r, 3_000));
    expect(overviews.length - before).toBeGreaterThanOrEqual(2);
    expect(overviews.length - before).toBeLessThanOrEqual(4);
  });

  it('once nobody watches the table, the owner stops publishing its events', async () => {
    client?.emit('unsubscribe', { kind: 'table', table: TABLE });
    await waitFor('the owner sees nobody watching', () => owner.node.interest(Date.now()).size === 0, 5_000, 50);
  });
});
