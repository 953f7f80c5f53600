import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../contracts/change-event';
import { lagConfigSchema } from '../config/lag-schema';
import { decodeMessage } from '../debezium/decode-message';
import { mariadbSource } from '../debezium/fixtures/mariadb';
import { rawFrom } from '../debezium/fixtures/raw-from';
import {
  clockValueMs,
  createHeartbeatClock,
  HEARTBEAT_WINDOW_MS,
  matchClockTable,
  MAX_HEARTBEAT_SAMPLES,
} from './heartbeat-clock';
import { createSourceClocks } from './source-clocks';

const T = 1_796_582_909_000;

/**
 * A row of `stack_meta.heartbeat` as a MariaDB connector sends it: the binlog
 * time in whole seconds, the row's `ts` (TIMESTAMP(3), NOW(3)) to the ms.
 */
function beat(written: number, processed: number, received: number, extra: Record<string, unknown> = {}): ChangeRecord {
  const rec = decodeMessage(
    rawFrom({
      topic: 'replica_a.stack_meta.heartbeat',
      key: { id: 1 },
      value: {
        op: 'u',
        before: { id: 1, ts: new Date(written - 2_000).toISOString() },
        after: { id: 1, ts: new Date(written).toISOString() },
        source: mariadbSource({ ts_ms: Math.floor(written / 1_000) * 1_000, db: 'stack_meta', table: 'heartbeat' }),
        ts_ms: processed,
        ...extra,
      },
      receivedAt: received,
    }),
  );
  if (rec.kind !== 'change') throw new Error(`expected a change, got ${rec.kind}`);
  return rec;
}

describe('clockValueMs', () => {
  it('reads timestamp strings (with their µs) and epoch ms, µs and ns', () => {
    expect(clockValueMs('2026-12-06T23:20:01.123Z')).toBe(Date.UTC(2026, 11, 6, 23, 20, 1, 123));
    expect(clockValueMs('2026-12-06T23:20:01.123456Z')).toBeCloseTo(Date.UTC(2026, 11, 6, 23, 20, 1, 123) + 0.456, 6);
    expect(clockValueMs(T + 350)).toBe(T + 350);
    expect(clockValueMs((T + 350) * 1_000 + 250)).toBeCloseTo(T + 350.25, 3);
    expect(clockValueMs((T + 350) * 1_000_000)).toBeCloseTo(T + 350, 3);
  });

  it('refuses ids, epoch seconds and text that is no time', () => {
    for (const v of [1, T / 1_000, 'heartbeat', '', null, undefined, { ts: T }, Number.NaN]) {
      expect(clockValueMs(v)).toBeUndefined();
    }
  });
});

describe('matchClockTable', () => {
  const rec = beat(T + 350, T + 420, T + 480);

  it('detects a table named heartbeat by its time column', () => {
    expect(matchClockTable(lagConfigSchema.parse({}), 'replica_a', rec)).toEqual({
      table: 'stack_meta.heartbeat',
      column: 'ts',
      configured: false,
    });
    expect(matchClockTable(lagConfigSchema.parse({ detectClockTables: false }), 'replica_a', rec)).toBeUndefined();
  });

  it('takes the configured table of the connector, else of *, and nothing else then', () => {
    const own = lagConfigSchema.parse({
      connectors: { replica_a: { clockTable: { table: 'stack_meta.heartbeat', column: 'ts' } } },
    });
    expect(matchClockTable(own, 'replica_a', rec)).toMatchObject({ column: 'ts', configured: true });
    const other = lagConfigSchema.parse({ connectors: { '*': { clockTable: { table: 'ops.beat', column: 'at' } } } });
    expect(matchClockTable(other, 'replica_a', rec)).toBeUndefined();
  });

  it('does not take a heartbeat-named table without a plausible time column', () => {
    const stale = beat(T + 350, T + 420, T + 480 + 3 * 86_400_000);
    expect(matchClockTable(lagConfigSchema.parse({}), 'replica_a', stale)).toBeUndefined();
  });
});

describe('heartbeat clock', () => {
  const match = { table: 'stack_meta.heartbeat', column: 'ts', configured: false };

  it('gives capture and end-to-end lag to the millisecond from a whole-second binlog, and the skew bounds', () => {
    const clock = createHeartbeatClock(match);
    // Written at .350 of each second, processed 70 ms later, arrived 130/150/170 ms after the write.
    [130, 150, 170].forEach((e2e, i) => {
      const written = T + i * 2_000 + 350;
      clock.record(beat(written, written + 70, written + e2e), written + e2e);
    });
    expect(clock.summary(T + 5_000)).toEqual({
      table: 'stack_meta.heartbeat',
      column: 'ts',
      configured: false,
      samples: 3,
      lastAt: T + 4_520,
      last: { captureMs: 70, endToEndMs: 170 },
      endToEnd: { p50: 150, p95: 170, max: 170 },
      capture: { p50: 70, p95: 70, max: 70 },
      skew: { dbBehindAtMostMs: 130, connectorBehindAtMostMs: 70 },
    });
  });

  it('shows a database clock ahead of ours as a negative bound', () => {
    const clock = createHeartbeatClock(match);
    clock.record(beat(T + 500, T + 450, T + 400), T + 400);
    expect(clock.summary(T + 400)?.skew).toEqual({ dbBehindAtMostMs: -100, connectorBehindAtMostMs: -50 });
  });

  it('ignores snapshot reads and deletes, forgets rows past its window, and keeps a bounded number', () => {
    const clock = createHeartbeatClock(match);
    clock.record(beat(T, T + 10, T + 20, { op: 'r' }), T + 20);
    clock.record(beat(T, T + 10, T + 20, { op: 'd', after: null }), T + 20);
    expect(clock.summary(T + 20)).toBeUndefined();
    for (let i = 0; i < MAX_HEARTBEAT_SAMPLES + 50; i++) clock.record(beat(T + i, T + i + 1, T + i + 2), T + i + 2);
    expect(clock.summary(T + MAX_HEARTBEAT_SAMPLES + 60)?.samples).toBe(MAX_HEARTBEAT_SAMPLES);
    expect(clock.summary(T + MAX_HEARTBEAT_SAMPLES + 60 + HEARTBEAT_WINDOW_MS)).toBeUndefined();
  });
});

describe('source clocks with a heartbeat table', () => {
  it('follows the clock table per connector and flags it', () => {
    const clocks = createSourceClocks({ lag: lagConfigSchema.parse({}) });
    const written = T + 350;
    clocks.observe('replica_a', beat(written, written + 60, written + 140), written + 140);
    const a = clocks.all(written + 200)[0];
    expect(a?.heartbeat).toMatchObject({ samples: 1, endToEnd: { p50: 140 }, capture: { p50: 60 } });
    expect(clocks.isClockTable('replica_a', 'stack_meta.heartbeat')).toBe(true);
    expect(clocks.isClockTable('replica_a', 'inventory.orders')).toBe(false);
    expect(clocks.isClockTable('replica_b', 'stack_meta.heartbeat')).toBe(false);
  });

  it('has no heartbeat clock without a lag configuration', () => {
    const clocks = createSourceClocks();
    clocks.observe('replica_a', beat(T, T + 1, T + 2), T + 2);
    expect(clocks.all(T + 2)[0]?.heartbeat).toBeUndefined();
  });
});
