import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_DISABLED } from '../../lib/config/auth-schema';
import { configSchema } from '../../lib/config/schema';
import type { AuditLog } from '../../lib/contracts/audit';
import type { ConnectorsResponse } from '../../lib/contracts/connectors';
import { apiHarness } from '../../test/support/api-harness';
import { openFileAuditLog } from '../audit/file-audit-log';
import { createAuthService } from '../auth/auth-service';
import type { DashboardState } from '../pipeline/dashboard-state';
import { createConnectorHealth } from './create-connectors';
import { createConnectorsRoutes } from './connectors-routes';

const state = {
  connectorsSeen: () => ({ tableKeys: ['demo_a.inventory.orders'], liveness: [], snapshots: [] }),
} as unknown as DashboardState;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

async function setup(input: unknown) {
  const dir = mkdtempSync(join(tmpdir(), 'cdcscope-conn-'));
  const audit: AuditLog = await openFileAuditLog(join(dir, 'audit.jsonl'));
  const health = createConnectorHealth(configSchema.parse(input), audit, false);
  cleanups.push(async () => {
    health.monitor.close();
    await audit.close();
    rmSync(dir, { recursive: true, force: true });
  });
  await health.monitor.refresh();
  const call = apiHarness(
    createAuthService(AUTH_DISABLED),
    createConnectorsRoutes(state, health.monitor, health.actions),
    state,
  );
  return { call, audit };
}

describe('connector routes', () => {
  it('on the demo: lists its cluster, pauses with the action audited like a replay, refuses unknown names', async () => {
    const { call, audit } = await setup({ sources: [{ kind: 'demo' }] });
    const list = (await call('/api/connectors')).body as unknown as ConnectorsResponse;
    expect(list.connect).toMatchObject({ url: 'demo://connect', state: 'up' });
    expect(list.canOperate).toBe(true);
    expect(list.connectors.map((c) => c.name)).toEqual(['demo_a', 'demo_b', 'demo_pg', 'demo_shop']);
    expect(list.connectors[0]?.server?.tables).toEqual(['demo_a.inventory.orders']);

    const paused = await call('/api/connectors/demo_a/pause', { method: 'POST' });
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      connector: 'demo_a',
      action: 'pause',
      ok: true,
      detail: 'Kafka Connect: HTTP 202',
    });
    const after = (await call('/api/connectors')).body as unknown as ConnectorsResponse;
    expect(after.connectors[0]?.state).toBe('PAUSED');
    const page = await audit.page({ limit: 5 });
    expect(page.entries).toHaveLength(1);
    expect(page.entries[0]).toMatchObject({
      status: 'sent',
      action: { kind: 'pause', connector: 'demo_a', task: null },
      actor: { user: null, via: 'anonymous' },
      sink: { kind: 'connect', target: 'demo://connect/connectors/demo_a/pause' },
      result: { ok: true, detail: 'Kafka Connect: HTTP 202' },
    });

    expect((await call('/api/connectors/nope/pause', { method: 'POST' })).status).toBe(404);
    expect((await call('/api/connectors/demo_a/tasks/7/restart', { method: 'POST' })).status).toBe(404);
    expect((await audit.page({ limit: 5 })).entries).toHaveLength(1);
  });

  it('with an unreachable Connect: a clear error state, no crash, and no action with auth off', async () => {
    const { call } = await setup({
      sources: [{ kind: 'demo' }],
      connect: { url: 'http://127.0.0.1:1', timeoutMs: 500 },
      debeziumServer: { url: 'http://127.0.0.1:1', timeoutMs: 500 },
    });
    const r = await call('/api/connectors');
    expect(r.status).toBe(200);
    const body = r.body as unknown as ConnectorsResponse;
    expect(body.connect).toMatchObject({ url: 'http://127.0.0.1:1', state: 'down', lastOkAt: null });
    expect(body.connect?.error).toMatch(/unreachable|did not answer/);
    expect(body.connectors).toEqual([]);
    expect(body.canOperate).toBe(false);
    // The Debezium Server poll settles on its own timer.
    await new Promise((res) => setTimeout(res, 800));
    const later = (await call('/api/connectors')).body as unknown as ConnectorsResponse;
    expect(later.debeziumServer).toMatchObject({ state: 'down', status: null });
    expect((await call('/api/connectors/x/pause', { method: 'POST' })).status).toBe(403);
  });
});
