import { describe, expect, it } from 'vitest';
import { createFairPool } from './fair-pool';
import { createSinglePool } from './single-pool';
import { Tx } from './tx';

/** A small deterministic generator, so a failure replays. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

describe('single pool', () => {
  it('evicts exactly what the fair pool evicts, through adds, keeps and removals', () => {
    const rnd = random(7);
    const fair = createFairPool<{ key: string; connector: string; id: string }>(50);
    const evicted: string[] = [];
    const pool = createSinglePool(50, (connector, id) => evicted.push(`${connector}|${id}`));
    const live: { key: string; connector: string; id: string; slot: number; tx?: Tx }[] = [];
    for (let n = 0; n < 5_000; n++) {
      const r = rnd();
      if (r < 0.75 || live.length === 0) {
        const connector = `c${Math.floor(rnd() * rnd() * 4)}`;
        const id = String(n);
        const entry = { key: `${connector}|${id}`, connector, id, slot: -1 };
        if (rnd() < 0.2) {
          const tx = new Tx(n, connector, id, 'metadata', n);
          pool.addTx(tx);
          Object.assign(entry, { tx });
        } else entry.slot = pool.addChange(n, connector, id, 'gtid', n, 't', `e${n}`, n);
        live.push(entry);
        const gone = fair.add(entry).map((e) => e.key);
        evicted.length = 0;
        pool.fit();
        expect(evicted).toEqual(gone);
        for (const key of gone)
          live.splice(
            live.findIndex((e) => e.key === key),
            1,
          );
      } else {
        const i = Math.floor(rnd() * live.length);
        const entry = live[i] as (typeof live)[number];
        if (r < 0.85 && entry.tx === undefined) {
          // Learns more, stays a one-event transaction: same place in the order.
          entry.tx = pool.keep(entry.slot);
          continue;
        }
        live.splice(i, 1);
        expect(fair.remove(entry)).toBe(true);
        if (entry.tx !== undefined) expect(pool.remove(entry.tx)).toBe(true);
        else pool.removeSlot(entry.slot);
      }
      expect(pool.size).toBe(fair.size);
    }
  });

  it('reads a compact transaction as the Tx its first change makes', () => {
    const pool = createSinglePool(10, () => undefined);
    const slot = pool.addChange(3, 'shop', '0-1-9', 'gtid', 1_000, 'orders', 'src:shop.orders:p0@9', 42);
    const expected = new Tx(3, 'shop', '0-1-9', 'gtid', 1_000);
    expected.seen = 1;
    expected.countTable('orders');
    expected.addEvent('src:shop.orders:p0@9', 42);
    expect(pool.read(slot)).toEqual(expected);
    expect(pool.lastAt(slot)).toBe(1_000);
    const kept = pool.keep(slot);
    expect(kept.slot).toBe(slot);
    expect(pool.read(slot)).toBe(kept);
    expect(pool.remove(kept)).toBe(true);
    expect(kept.slot).toBe(-1);
    expect(pool.size).toBe(0);
  });
});
