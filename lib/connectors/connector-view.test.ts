import { describe, expect, it } from 'vitest';
import { linkConnectors, MAX_LISTED_TABLES, serverViews } from './connector-view';
import { parseConnectStatus } from './connect-status';
import { healthyAndFailed } from './fixtures/connect-answers';
import type { ConnectorHealth } from '../contracts/consumer-lag';

const live = (serverName: string): ConnectorHealth => ({
  serverName,
  status: 'streaming',
  lastEventAt: 1,
  lastHeartbeatAt: 2,
  silentForMs: 0,
  stalledAfterMs: 60_000,
});

describe('linking connectors to what cdcscope sees', () => {
  it('gives each connector the tables, liveness and snapshot of its topic prefix', () => {
    const parsed = parseConnectStatus(healthyAndFailed);
    if (!parsed.ok) throw new Error(parsed.error);
    const servers = serverViews({
      tableKeys: ['replica_a.inventory.orders', 'replica_a_v2.inventory.orders', 'pg.inventory.customers'],
      liveness: [live('replica_a'), live('pg')],
      snapshots: [{ serverName: 'pg', state: 'completed', startedAt: 1, completedAt: 2, tables: [], tablesDropped: 0 }],
    });
    const { connectors, unlinked } = linkConnectors(parsed.value.connectors, servers);
    const a = connectors.find((c) => c.name === 'replica_a');
    expect(a?.health).toBe('ok');
    expect(a?.server).toMatchObject({ tables: ['replica_a.inventory.orders'], liveness: { status: 'streaming' } });
    expect(connectors.find((c) => c.name === 'replica_b')).toMatchObject({ health: 'failed', server: null });
    // Debezium Server's prefix and an unknown one are listed apart.
    expect(unlinked.map((s) => s.serverName)).toEqual(['pg', 'replica_a_v2']);
    expect(unlinked[0]?.snapshot?.state).toBe('completed');
  });

  it('lists at most MAX_LISTED_TABLES tables per server and counts the rest', () => {
    const keys = Array.from({ length: MAX_LISTED_TABLES + 7 }, (_, i) => `s.db.t${i}`);
    const v = serverViews({ tableKeys: keys, liveness: [], snapshots: [] }).get('s');
    expect(v?.tables.length).toBe(MAX_LISTED_TABLES);
    expect(v?.tablesMore).toBe(7);
  });
});
