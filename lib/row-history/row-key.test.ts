import { describe, expect, it } from 'vitest';
import { keyIdentity, parseRowKey, rowHistoryApiPath, rowHistoryHref } from './row-key';

describe('row keys in URLs', () => {
  it('reads the JSON of the key columns and the rendered k=v form', () => {
    expect(parseRowKey('{"id":42}')).toEqual({ ok: true, value: { id: 42 } });
    expect(parseRowKey('order_id=7,line=2')).toEqual({ ok: true, value: { order_id: '7', line: '2' } });
  });

  it('refuses what names no row, with the reason', () => {
    for (const bad of ['', '{', '[1]', '{}', 'id', '=3', 'x'.repeat(3000)]) {
      const r = parseRowKey(bad);
      expect(r.ok, bad).toBe(false);
    }
    const many = JSON.stringify(Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`c${i}`, i])));
    expect(parseRowKey(many)).toMatchObject({ ok: false, error: expect.stringContaining('columns') });
  });

  it('one identity whatever the column order and whether values came as text', () => {
    expect(keyIdentity({ order_id: 7, line: 2 })).toBe(keyIdentity({ line: '2', order_id: '7' }));
    expect(keyIdentity({ id: 42 })).not.toBe(keyIdentity({ id: 420 }));
    expect(keyIdentity({ id: 42 })).not.toBe(keyIdentity({ id: 42, tenant: 1 }));
  });

  it('links round-trip through URL encoding', () => {
    const href = rowHistoryHref('replica_a.inventory.customers', { id: 42 }, 'inventory');
    expect(href).toBe('/tables/replica_a.inventory.customers/rows/%7B%22id%22%3A42%7D?pair=inventory');
    const segment = rowHistoryApiPath('t.x', { name: 'a/b c' }).split('/')[5] ?? '';
    expect(parseRowKey(decodeURIComponent(segment))).toEqual({ ok: true, value: { name: 'a/b c' } });
  });
});

describe('replica pair tables', () => {
  it("gives both sides' table keys from either side", async () => {
    const { pairTables } = await import('./pair-tables');
    const both = { a: 'replica_a.inventory.orders', b: 'replica_b.inventory.orders' };
    expect(pairTables('replica_a.inventory.orders', 'replica_a', 'replica_b')).toEqual(both);
    expect(pairTables('replica_b.inventory.orders', 'replica_a', 'replica_b')).toEqual(both);
    expect(pairTables('pg.inventory.orders', 'replica_a', 'replica_b')).toBeUndefined();
    expect(pairTables('replica_a.x', undefined, 'replica_b')).toBeUndefined();
  });
});
