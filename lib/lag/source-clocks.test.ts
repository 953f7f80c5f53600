import { describe, expect, it } from 'vitest';
import type { ChangeRecord } from '../contracts/change-event';
import { decodeMessage } from '../debezium/decode-message';
import { mariadbSource } from '../debezium/fixtures/mariadb';
import { pgSource } from '../debezium/fixtures/postgres';
import { FIXTURE_NOW, rawFrom } from '../debezium/fixtures/raw-from';
import { COARSE_AFTER_SAMPLES } from './clock-resolution';
import { createSourceClocks } from './source-clocks';

const WHOLE = 1_700_000_000_000;

function change(source: Record<string, unknown>, topic: string): ChangeRecord {
  const rec = decodeMessage(
    rawFrom({
      topic,
      key: { id: 1 },
      value: { before: null, after: { id: 1 }, source, op: 'c', ts_ms: FIXTURE_NOW },
    }),
  );
  if (rec.kind !== 'change') throw new Error(`expected a change, got ${rec.kind}`);
  return rec;
}

describe('source clocks', () => {
  it('detects a MariaDB connector on whole seconds and a PostgreSQL one on microseconds, apart', () => {
    const clocks = createSourceClocks();
    for (let i = 0; i < COARSE_AFTER_SAMPLES; i++) {
      const ts = WHOLE + i * 1_000;
      clocks.observe(
        'replica_a',
        change(mariadbSource({ ts_ms: ts, ts_us: ts * 1_000 }), 'replica_a.inventory.orders'),
        ts,
      );
    }
    const pgTs = WHOLE + 417;
    clocks.observe('pg', change(pgSource({ ts_ms: pgTs, ts_us: pgTs * 1_000 + 250 }), 'pg.inventory.customers'), pgTs);
    expect(clocks.resolution('replica_a')).toEqual({
      resolutionMs: 1000,
      note: '±1 s: MariaDB binlog time is whole seconds',
    });
    expect(clocks.resolution('pg')).toEqual({ resolutionMs: 0.001 });
    expect(clocks.resolution('nobody')).toBeUndefined();
    expect(clocks.all(WHOLE).map((c) => [c.serverName, c.connector])).toEqual([
      ['replica_a', 'mariadb'],
      ['pg', 'postgresql'],
    ]);
  });

  it('ignores snapshot rows and zero commit times for resolution', () => {
    const clocks = createSourceClocks();
    for (let i = 0; i < COARSE_AFTER_SAMPLES; i++) {
      clocks.observe(
        'replica_a',
        change(mariadbSource({ ts_ms: WHOLE, snapshot: 'true' }), 'replica_a.inventory.orders'),
        WHOLE,
      );
      clocks.observe('replica_a', change(mariadbSource({ ts_ms: 0 }), 'replica_a.inventory.orders'), WHOLE);
    }
    // Snapshot rows are seen (and counted for negative lag) but tell nothing of the commit clock.
    expect(clocks.resolution('replica_a')).toEqual({ resolutionMs: null });
    expect(clocks.all(WHOLE)[0]?.negative.samples).toBe(COARSE_AFTER_SAMPLES);
  });

  it('forgets the least recently active connector past its bound', () => {
    const clocks = createSourceClocks({ max: 2 });
    const rec = change(mariadbSource({ ts_ms: WHOLE + 5 }), 'x.inventory.orders');
    clocks.observe('a', rec, WHOLE);
    clocks.observe('b', rec, WHOLE + 1_000);
    clocks.observe('a', rec, WHOLE + 2_000);
    clocks.observe('c', rec, WHOLE + 3_000);
    expect(clocks.all(WHOLE).map((c) => c.serverName)).toEqual(['a', 'c']);
  });

  it('counts negative capture and end-to-end lags per connector, with the worst one, never clamping them away', () => {
    const clocks = createSourceClocks();
    const source = (ts: number) => mariadbSource({ ts_ms: ts });
    const rec = (committed: number, processed: number, received: number) => {
      const r = change(source(committed), 'replica_a.inventory.orders');
      return { ...r, tsMs: processed, receivedAt: received };
    };
    clocks.observe('replica_a', rec(WHOLE, WHOLE + 20, WHOLE + 50), WHOLE + 50); // fine
    clocks.observe('replica_a', rec(WHOLE, WHOLE - 30, WHOLE + 50), WHOLE + 60); // capture < 0
    clocks.observe('replica_a', rec(WHOLE, WHOLE - 10, WHOLE - 120), WHOLE + 70); // both < 0
    expect(clocks.all(WHOLE)[0]?.negative).toEqual({
      capture: 2,
      endToEnd: 1,
      samples: 3,
      minMs: -120,
      lastAt: WHOLE + 70,
    });
  });
});
