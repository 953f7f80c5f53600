import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLog } from '../../lib/contracts/audit';
import type { ConnectorsResponse } from '../../lib/contracts/connectors';
import type { Pipeline } from '../../server/pipeline/pipeline';
import { createAuditLog } from '../../server/audit/create-audit-log';
import { createAuthService } from '../../server/auth/auth-service';
import { sha256Hex } from '../../server/auth/password';
import { createConnectorHealth } from '../../server/connectors/create-connectors';
import { createConnectorsRoutes } from '../../server/connectors/connectors-routes';
import { registerConnectorMetrics } from '../../server/connectors/connector-metrics';
import type { ConnectorsMonitor } from '../../server/connectors/connectors-monitor';
import { apiHarness } from '../support/api-harness';
import { startPipeline } from '../support/pipeline-harness';
import { stack, stackEnv, waitFor } from '../support/stack-env';

/**
 * Issue #13 §4 on the real stack: Kafka Connect's connectors listed with
 * their running tasks and linked to the tables cdcscope sees, Debezium
 * Server's health, and a pause through the API that Connect's own REST API
 * shows as PAUSED and the audit log records, then a resume. The paused
 * connector is resumed in `finally` whatever happens (the stack is shared).
 */
const env = stackEnv();
const PAUSED = 'flat_a';
const OPERATOR = 'connectors-it-operator-token';
const VIEWER = 'connectors-it-viewer-token';
let pipeline: Pipeline;
let stop: () => Promise<void>;
let audit: AuditLog;
let monitor: ConnectorsMonitor;
let call: ReturnType<typeof apiHarness>;
let dir: string;

const connectState = async (name: string) => {
  const r = await fetch(`${env.CONNECT_URL}/connectors/${name}/status`);
  const body = (await r.json()) as { connector: { state: string }; tasks: { state: string }[] };
  return body;
};
const view = async () =>
  (await call('/api/connectors', { headers: { authorization: `Bearer ${VIEWER}` } }))
    .body as unknown as ConnectorsResponse;
const as = (token: string) => ({ method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe('connector health on the local stack', () => {
  beforeAll(async () => {
    stack('resume', PAUSED);
    dir = mkdtempSync(join(tmpdir(), 'cdcscope-connectors-'));
    let config;
    ({ pipeline, stop, config } = await startPipeline({
      sources: [
        {
          id: 'kafka',
          kind: 'kafka',
          brokers: [env.KAFKA_BOOTSTRAP],
          topics: ['/^replica_a\\./', '/^__debezium-heartbeat\\.replica_a$/'],
          start: 'earliest',
          clientId: 'it-connectors',
        },
      ],
      connect: { url: env.CONNECT_URL, pollMs: 1_000, timeoutMs: 3_000 },
      debeziumServer: { url: env.DEBEZIUM_SERVER_URL, pollMs: 1_000 },
      auth: {
        enabled: true,
        tokens: [
          { name: 'ops', sha256: sha256Hex(OPERATOR), role: 'operator' },
          { name: 'grafana', sha256: sha256Hex(VIEWER), role: 'viewer' },
        ],
      },
      audit: { kind: 'file', path: join(dir, 'audit.jsonl') },
    }));
    audit = await createAuditLog(config.audit);
    const health = createConnectorHealth(config, audit, true);
    monitor = health.monitor;
    call = apiHarness(
      createAuthService(config.auth),
      createConnectorsRoutes(pipeline.state, health.monitor, health.actions),
      pipeline.state,
    );
  }, 180_000);
  afterAll(async () => {
    // Whatever failed above, the shared stack's connector runs again.
    stack('resume', PAUSED);
    /* eslint-disable @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed before assigning them */
    monitor?.close();
    await audit?.close();
    await stop?.();
    /* eslint-enable @typescript-eslint/no-unnecessary-condition */
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('lists every connector with RUNNING tasks, linked to its tables; Debezium Server UP', async () => {
    const expected = (env.CONNECTORS ?? '').split(' ');
    const v = await waitFor(
      'every stack connector running, replica_a linked to its tables, heartbeats and completed snapshot',
      async () => {
        const r = await call('/api/connectors', { headers: { authorization: `Bearer ${VIEWER}` } });
        const body = r.body as unknown as ConnectorsResponse;
        const names = body.connectors.map((c) => c.name);
        const a = body.connectors.find((c) => c.name === 'replica_a');
        return expected.every((n) => names.includes(n)) &&
          body.connectors.every((c) => (expected.includes(c.name) ? c.health === 'ok' : true)) &&
          (a?.server?.tables.length ?? 0) > 0 &&
          a?.server?.snapshot?.state === 'completed' &&
          a.server.liveness?.lastHeartbeatAt
          ? body
          : undefined;
      },
      90_000,
      500,
    );
    expect(v.connect).toMatchObject({ url: env.CONNECT_URL, state: 'up', error: null });
    expect(v.canOperate).toBe(false); // a viewer asked
    for (const c of v.connectors.filter((x) => expected.includes(x.name))) {
      expect(c.state).toBe('RUNNING');
      expect(c.tasks.length).toBeGreaterThan(0);
      for (const t of c.tasks) expect([t.state, t.workerId]).toEqual(['RUNNING', expect.stringContaining(':')]);
      expect(c.topicPrefix).toBe(c.name);
    }
    const a = v.connectors.find((c) => c.name === 'replica_a');
    expect(a?.className).toBe('io.debezium.connector.mariadb.MariaDbConnector');
    expect(a?.server?.tables).toContain('replica_a.inventory.orders');
    // Read from the start, replica_a's initial snapshot is in the topics: seen run and complete.
    expect(a?.server?.snapshot?.state).toBe('completed');
    // The connectors' configs carry the database password: never in the answer.
    expect(JSON.stringify(v)).not.toContain('database.password');
    const dbz = await waitFor('Debezium Server health', async () => {
      const d = (await view()).debeziumServer;
      return d?.state === 'up' ? d : undefined;
    });
    expect(dbz).toMatchObject({ url: env.DEBEZIUM_SERVER_URL, status: 'UP' });
    expect(dbz.checks.length).toBeGreaterThan(0);
  });

  it('pauses through the API (PAUSED in Connect itself, audited, in /metrics), then resumes', async () => {
    expect((await call(`/api/connectors/${PAUSED}/pause`, as(VIEWER))).status).toBe(403);
    try {
      const paused = await call(`/api/connectors/${PAUSED}/pause`, as(OPERATOR));
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({
        connector: PAUSED,
        action: 'pause',
        ok: true,
        detail: 'Kafka Connect: HTTP 202',
      });
      await waitFor('Connect says PAUSED', async () => (await connectState(PAUSED)).connector.state === 'PAUSED');
      await waitFor(
        'the API says PAUSED',
        async () => (await view()).connectors.find((c) => c.name === PAUSED)?.state === 'PAUSED',
      );
      const metrics = new Registry();
      registerConnectorMetrics(metrics, monitor);
      expect(await metrics.metrics()).toContain(`cdcscope_connector_state{connector="${PAUSED}",state="PAUSED"} 1`);
    } finally {
      const resumed = await call(`/api/connectors/${PAUSED}/resume`, as(OPERATOR));
      expect(resumed.status).toBe(200);
    }
    await waitFor('Connect says RUNNING again', async () => {
      const s = await connectState(PAUSED);
      return s.connector.state === 'RUNNING' && s.tasks.every((t) => t.state === 'RUNNING');
    });
    const page = await audit.page({ limit: 10 });
    const actions = page.entries.map((e) => [e.action?.kind, e.action?.connector, e.status, e.actor.user]);
    expect(actions).toEqual([
      ['resume', PAUSED, 'sent', 'ops'],
      ['pause', PAUSED, 'sent', 'ops'],
    ]);
    expect(page.entries[1]?.sink).toEqual({
      id: 'kafka-connect',
      kind: 'connect',
      target: `${env.CONNECT_URL}/connectors/${PAUSED}/pause`,
    });
  });
});
