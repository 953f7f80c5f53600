import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { configSchema } from '../../lib/config/schema';
import { mariadbSource } from '../../lib/debezium/fixtures/mariadb';
import { pgSource } from '../../lib/debezium/fixtures/postgres';
import { rawFrom } from '../../lib/debezium/fixtures/raw-from';
import { COARSE_AFTER_SAMPLES } from '../../lib/lag/clock-resolution';
import { registerStateMetrics } from '../metrics/state-metrics';
import { createPipeline } from './pipeline';

const NOTE = '±1 s: MariaDB binlog time is whole seconds';

/** MariaDB rows committed on whole seconds and PostgreSQL rows with microseconds, through the real pipeline. */
function pipelineWithRows() {
  const config = configSchema.parse({ sources: [{ kind: 'demo' }] });
  const pipeline = createPipeline({ config, sources: [] });
  const now = Date.now();
  const whole = Math.floor(now / 1_000) * 1_000 - 60_000;
  for (let i = 0; i < COARSE_AFTER_SAMPLES; i++) {
    const ts = whole + i * 1_000;
    pipeline.ingest([
      rawFrom({
        topic: 'replica_a.inventory.orders',
        key: { id: i },
        value: { op: 'c', before: null, after: { id: i }, source: mariadbSource({ ts_ms: ts }), ts_ms: ts + 350 },
        receivedAt: now,
      }),
      rawFrom({
        topic: 'pg.inventory.customers',
        key: { id: i },
        value: {
          op: 'c',
          before: null,
          after: { id: i },
          source: pgSource({ ts_ms: ts + 417, ts_us: (ts + 417) * 1_000 + 250 }),
          ts_ms: ts + 500,
        },
        receivedAt: now,
      }),
    ]);
  }
  return pipeline;
}

describe('pipeline: source clock resolution in the API', () => {
  it('labels tables, events and the lag snapshot of a whole-second connector, and only those', async () => {
    const pipeline = pipelineWithRows();
    const { state } = pipeline;
    const tables = new Map(state.tables().tables.map((t) => [t.tableKey, t]));
    expect(tables.get('replica_a.inventory.orders')?.clock).toEqual({ resolutionMs: 1000, note: NOTE });
    expect(tables.get('pg.inventory.customers')?.clock).toEqual({ resolutionMs: 0.001 });
    expect(state.table('replica_a.inventory.orders')?.clock?.note).toBe(NOTE);

    const events = state.events({ limit: 100 });
    if (!events.ok) throw new Error(events.error);
    const maria = events.value.items.filter((e) => e.serverName === 'replica_a');
    expect(maria).toHaveLength(COARSE_AFTER_SAMPLES);
    expect(maria.every((e) => e.lagClock?.note === NOTE)).toBe(true);
    const pg = events.value.items.find((e) => e.serverName === 'pg');
    expect(pg?.lagClock).toEqual({ resolutionMs: 0.001 });
    expect(pg && state.event(pg.id)?.lagClock).toEqual({ resolutionMs: 0.001 });
    expect(state.tableEvents('replica_a.inventory.orders')[0]?.lagClock?.note).toBe(NOTE);

    // The API lists connectors in first-seen order, which depends on batch timing: compare by name.
    const clocks = state.lag().clocks ?? [];
    expect(clocks).toHaveLength(2);
    expect(clocks.find((c) => c.serverName === 'replica_a')).toMatchObject({
      connector: 'mariadb',
      clock: { resolutionMs: 1000, note: NOTE },
    });
    expect(clocks.find((c) => c.serverName === 'pg')).toMatchObject({
      connector: 'postgresql',
      clock: { resolutionMs: 0.001 },
    });

    const registry = new Registry();
    registerStateMetrics(registry, state);
    const text = await registry.metrics();
    expect(text).toContain('cdcscope_source_clock_resolution_ms{server="replica_a",connector="mariadb"} 1000');
    expect(text).toContain('cdcscope_source_clock_resolution_ms{server="pg",connector="postgresql"} 0.001');
    expect(text).toContain('cdcscope_negative_lag_events{server="replica_a",measure="end_to_end"} 0');
    await pipeline.close();
  });

  it('reads the heartbeat table as a millisecond clock per connector and replica side, flagged in the table list', async () => {
    const config = configSchema.parse({
      sources: [{ kind: 'demo' }],
      replicas: [{ id: 'inventory', a: { serverName: 'replica_a' }, b: { serverName: 'replica_b' } }],
    });
    const pipeline = createPipeline({ config, sources: [] });
    const received = Date.now();
    const written = received - 140;
    for (const server of ['replica_a', 'replica_b']) {
      pipeline.ingest([
        rawFrom({
          topic: `${server}.stack_meta.heartbeat`,
          key: { id: 1 },
          value: {
            op: 'u',
            before: { id: 1, ts: new Date(written - 2_000).toISOString() },
            after: { id: 1, ts: new Date(written).toISOString() },
            source: mariadbSource({
              name: server,
              db: 'stack_meta',
              table: 'heartbeat',
              ts_ms: Math.floor(written / 1_000) * 1_000,
            }),
            ts_ms: written + 60,
          },
          receivedAt: received,
        }),
      ]);
    }
    const clocks = pipeline.state.lag().clocks ?? [];
    expect(
      clocks.map((c) => [c.serverName, c.replicaSide, c.heartbeat?.endToEnd.p50, c.heartbeat?.capture?.p50]),
    ).toEqual([
      ['replica_a', 'inventory A', 140, 60],
      ['replica_b', 'inventory B', 140, 60],
    ]);
    const table = pipeline.state.tables().tables.find((t) => t.tableKey === 'replica_a.stack_meta.heartbeat');
    expect(table?.clockTable).toBe(true);

    const registry = new Registry();
    registerStateMetrics(registry, pipeline.state);
    const text = await registry.metrics();
    expect(text).toContain(
      'cdcscope_heartbeat_lag_seconds{server="replica_a",measure="end_to_end",quantile="0.5"} 0.14',
    );
    expect(text).toContain('cdcscope_clock_skew_bound_seconds{server="replica_b"} 0.14');
    await pipeline.close();
  });
});
