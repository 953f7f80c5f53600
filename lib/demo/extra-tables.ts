import { postgresEnvelope } from './envelope';
import type { Random } from './random';

/**
 * The demo's synthetic tables (`extraTables` in a demo source's config, e.g.
 * 500 to try the overview with many tables): `demo_load.load.t0001`… on a
 * PostgreSQL server of their own, one row each, read in the snapshot and then
 * updated at random, sharing the demo's LSN and transaction counters.
 */
export const extraTableName = (i: number) => `t${String(i).padStart(4, '0')}`;

export function extraTableChange(input: {
  rnd: Random;
  now: number;
  lag: { capture: number; transport: number };
  i: number;
  op: 'r' | 'u';
  lsn: number;
  txSeq: number;
}): { topic: string; value: Record<string, unknown> } {
  const { rnd, now, lag, i, op } = input;
  const row = { id: i, value: rnd.int(0, 1_000_000), label: `row ${i}` };
  const value = postgresEnvelope(
    {
      op,
      before: op === 'u' ? row : null,
      after: row,
      db: 'load',
      table: extraTableName(i),
      sourceTsMs: now - lag.capture - lag.transport,
      tsMs: now - lag.transport,
      snapshot: op === 'r' ? 'true' : 'false',
    },
    'demo_load',
    input.lsn,
    input.txSeq,
  );
  return { topic: `demo_load.load.${extraTableName(i)}`, value };
}
