import { describe, expect, it } from 'vitest';
import { suggestReplicaPairs } from './pair-detection';

describe('pair detection', () => {
  it('pairs the same table under two server prefixes, most shared tables first', () => {
    const pairs = suggestReplicaPairs([
      'replica_a.inventory.customers',
      'replica_b.inventory.customers',
      'replica_a.inventory.orders',
      'replica_b.inventory.orders',
      'pg.inventory.orders',
      'pg.public.events',
      'replica_b.inventory.lines',
    ]);
    expect(pairs[0]).toEqual({
      serverA: 'replica_a',
      serverB: 'replica_b',
      tables: ['inventory.customers', 'inventory.orders'],
    });
    expect(pairs).toContainEqual({ serverA: 'pg', serverB: 'replica_a', tables: ['inventory.orders'] });
    expect(pairs).toContainEqual({ serverA: 'pg', serverB: 'replica_b', tables: ['inventory.orders'] });
    expect(pairs).toHaveLength(3);
    expect(suggestReplicaPairs(['a.db.t', 'b.db.t', 'c.db.u'], 2)).toEqual([]);
  });

  it('uses known server names, so prefixes with dots stay whole', () => {
    const pairs = suggestReplicaPairs([
      { tableKey: 'eu.west.a.inventory.customers', serverName: 'eu.west.a' },
      { tableKey: 'eu.west.b.inventory.customers', table: 'inventory.customers' },
      { tableKey: 'sql.db.dbo.t', serverName: 'sql', table: 'db.dbo.t' },
      { tableKey: 'sql2.db.dbo.t', serverName: 'sql2', table: 'db.dbo.t' },
    ]);
    expect(pairs).toContainEqual({ serverA: 'eu.west.a', serverB: 'eu.west.b', tables: ['inventory.customers'] });
    expect(pairs).toContainEqual({ serverA: 'sql', serverB: 'sql2', tables: ['db.dbo.t'] });
  });

  it('ignores keys without a prefix and lists each pair once', () => {
    expect(
      suggestReplicaPairs(['customers', 'inventory.customers', 'a.inventory.customers', 'a.inventory.customers']),
    ).toEqual([]);
  });
});
