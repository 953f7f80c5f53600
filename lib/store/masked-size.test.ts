import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { FIXTURE_NOW, pgSource, rawFrom } from '../debezium/fixtures';
import { createMasker } from '../masking/masker';
import { createEventStore } from './event-store';
import { coarseSize } from './masked-size';

describe('sizes of masked events (issue #17.4)', () => {
  const masker = createMasker({ fields: ['email', 'phone'] });

  function storeWith(rows: { table: string; after: Record<string, unknown> }[]) {
    const store = createEventStore({ masker });
    rows.forEach(({ table, after }, i) => {
      const raw = rawFrom({
        topic: `pg.inventory.${table}`,
        key: { id: i },
        value: { op: 'c', before: null, after: { id: i, ...after }, source: pgSource({ table }) },
        offset: i,
        receivedAt: FIXTURE_NOW + i,
      });
      store.add(decodeMessage(raw), raw);
    });
    const page = store.query({});
    if (!page.ok) throw new Error(page.error);
    return { store, items: [...page.value.items].sort((a, b) => a.receivedAt - b.receivedAt) };
  }

  it('rows that differ only in masked values (length, null or set) show the same size, flagged as rounded', () => {
    const { store, items } = storeWith([
      { table: 'customers', after: { name: 'ann', email: 'a@x.io', phone: null } },
      {
        table: 'customers',
        after: { name: 'ann', email: 'a.much.longer.address@example.com', phone: '+44 20 7946 0958' },
      },
    ]);
    const [a, b] = items;
    expect(a?.sizeBytes).toBe(b?.sizeBytes);
    expect(a?.sizeRounded).toBe(true);
    const [da, db] = [store.detail(a?.id ?? ''), store.detail(b?.id ?? '')];
    expect(da?.sizeBytes).toBe(db?.sizeBytes);
    expect(da?.raw.sizeBytes).toBe(db?.raw.sizeBytes);
    expect(da?.raw.sizeRounded).toBe(true);
  });

  it('events masking does not touch keep their exact size', () => {
    const { store, items } = storeWith([{ table: 'orders', after: { total: 12 } }]);
    const [item] = items;
    expect(item?.sizeRounded).toBeUndefined();
    expect(store.detail(item?.id ?? '')?.raw.sizeBytes).not.toBe(coarseSize(item?.sizeBytes ?? 0));
  });

  it('rounds up to 1 KiB buckets, then to 1/16 of the power of two', () => {
    expect([0, 1, 1024, 1025, 16_383].map(coarseSize)).toEqual([0, 1024, 1024, 2048, 16_384]);
    expect(coarseSize(100_000)).toBe(102_400);
    expect(coarseSize(100_000) / 100_000).toBeLessThan(1.07);
  });
});
