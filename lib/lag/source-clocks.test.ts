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
    expect(clocks.all().map((c) => [c.serverName, c.connector])).toEqual([
      ['replica_a', 'mariadb'],
      ['pg', 'postgresql'],
    ]);
  });

  it('ignores snapshot rows and zero commit times', () => {
    const clocks = createSourceClocks();
    for (let i = 0; i < COARSE_AFTER_SAMPLES; i++) {
      clocks.observe(
        'replica_a',
        change(mariadbSource({ ts_ms: WHOLE, snapshot: 'true' }), 'replica_a.inventory.orders'),
        WHOLE,
      );
      clocks.observe('replica_a', change(mariadbSource({ ts_ms: 0 }), 'replica_a.inventory.orders'), WHOLE);
    }
    expect(clocks.resolution('replica_a')).toBeUndefined();
  });

  it('forgets the least recently active connector past its bound', () => {
    const clocks = createSourceClocks(2);
    const rec = change(mariadbSource({ ts_ms: WHOLE + 5 }), 'x.inventory.orders');
    clocks.observe('a', rec, WHOLE);
    clocks.observe('b', rec, WHOLE + 1_000);
    clocks.observe('a', rec, WHOLE + 2_000);
    clocks.observe('c', rec, WHOLE + 3_000);
    expect(clocks.all().map((c) => c.serverName)).toEqual(['a', 'c']);
  });
});
