import { describe, expect, it } from 'vitest';
import { archivedTableSchema } from './cluster';

const counts = {
  tableKey: 'a.inventory.orders',
  table: 'inventory.orders',
  serverName: 'a',
  sourceIds: ['kafka'],
  channels: ['a.inventory.orders'],
  totals: { c: 1, u: 2, d: 0, r: 5, t: 0, m: 0 },
  tombstones: 0,
  bytes: 1234,
  undecodable: 0,
  replays: 1,
  snapshotEvents: 5,
  streamingEvents: 3,
  firstEventAt: 1_000,
  lastEventAt: 2_000,
};

describe('archivedTableSchema', () => {
  it("keeps a summary's counts and drops its windows (rate, spark, lag)", () => {
    const parsed = archivedTableSchema.parse({ ...counts, rate: 4, spark: [1, 2], version: 9, lag: {} });
    expect(parsed).toEqual(counts);
  });

  it('checks the counts as the summary does', () => {
    expect(archivedTableSchema.safeParse({ ...counts, bytes: '1234' }).success).toBe(false);
    expect(archivedTableSchema.safeParse({ ...counts, firstEventAt: undefined }).success).toBe(false);
    const { serverName: _s, replays: _r, ...required } = counts;
    expect(archivedTableSchema.safeParse(required).success).toBe(true);
  });
});
