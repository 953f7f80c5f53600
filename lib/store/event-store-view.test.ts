import { describe, expect, it } from 'vitest';
import type { Row } from '../contracts/change-event';
import type { FieldDiff } from '../contracts/replicas';
import { decodeMessage } from '../debezium/decode-message';
import { garbageFixtures, hugeValue, mariadbSource, pgSource, rawFrom } from '../debezium/fixtures';
import { createEventStore } from './event-store';
import { WITHHELD_NOTICE, type EventMasker } from './event-store-view';

/** Masks `email` everywhere; a stand-in for lib/masking's Masker with one rule. */
const R = '***';
const emailMasker: EventMasker = {
  active: true,
  replacement: R,
  maskRow: (_t, row: Row) => ('email' in row ? { ...row, email: R } : row),
  maskDiffs: (_t, diffs: FieldDiff[]) =>
    diffs.map((d) => (d.path[0] === 'email' ? { path: d.path, kind: d.kind, before: R, after: R } : d)),
  maskText: (_t, text) => (text.includes('email') ? R : text),
};

function stored(raw: ReturnType<typeof rawFrom>, masker?: EventMasker) {
  const store = createEventStore({ masker });
  const rec = decodeMessage(raw);
  store.add(rec, raw);
  const r = store.query({});
  const detail = r.ok ? store.detail(r.value.items[0]?.id ?? '') : undefined;
  if (!detail) throw new Error('not stored');
  return detail;
}

const update = (schemaWrapped = false) => {
  const payload = {
    op: 'u',
    before: { id: 7, email: 'old@example.com', name: 'Ann' },
    after: { id: 7, email: 'new@example.com', name: 'Anna' },
    source: pgSource({ table: 'customers' }),
  };
  return rawFrom({
    topic: 'pg.inventory.customers',
    key: { id: 7, email: 'new@example.com' },
    value: schemaWrapped ? { schema: { type: 'struct' }, payload } : payload,
    headers: { __debezium_oldkey: '{"id":7,"email":"old@example.com"}', trace: 'abc' },
  });
};

describe('event detail', () => {
  it('shows everything unmasked without a masker', () => {
    const d = stored(update());
    expect(d.change).toMatchObject({
      op: 'u',
      table: 'inventory.customers',
      tableKey: 'pg.inventory.customers',
      after: { email: 'new@example.com' },
    });
    expect(d.diff?.changes.map((c) => c.path[0])).toEqual(['email', 'name']);
    expect(d.source).toMatchObject({
      connector: 'postgresql',
      position: { kind: 'postgresql', txId: expect.any(Number) },
    });
    expect(d.raw).toMatchObject({ masking: 'none', truncated: false, origin: { kind: 'kafka' } });
    expect(d.raw.value).toContain('old@example.com');
  });

  it('masks rows, key, diff, raw text and JSON headers', () => {
    for (const wrapped of [false, true]) {
      const d = stored(update(wrapped), emailMasker);
      expect(d.key).toBe(`id=7,email=${R}`);
      expect(d.change).toMatchObject({
        key: { email: R },
        before: { email: R, name: 'Ann' },
        after: { email: R, name: 'Anna' },
      });
      expect(d.diff?.changes).toContainEqual({ path: ['email'], kind: 'changed', before: R, after: R });
      expect(d.raw.masking).toBe('reserialized');
      expect(JSON.stringify(d)).not.toContain('example.com');
      expect(d.raw.value).toContain('"name":"Anna"');
      expect(d.raw.headers.trace).toBe('abc');
    }
  });

  it('hides the SQL text MySQL puts in the source block', () => {
    const raw = rawFrom({
      topic: 'replica_a.inventory.orders',
      key: { id: 1 },
      value: {
        op: 'c',
        before: null,
        after: { id: 1, email: 'x@y.z' },
        source: mariadbSource({ query: "INSERT INTO orders VALUES (1, 'x@y.z')" }),
      },
    });
    const d = stored(raw, emailMasker);
    expect(d.source?.position).toMatchObject({ kind: 'mysql', query: R });
    expect(JSON.stringify(d)).not.toContain('x@y.z');
  });

  it('withholds text it cannot parse when masking is on', () => {
    const d = stored(garbageFixtures.notJson, emailMasker);
    expect(d.raw).toMatchObject({ value: WITHHELD_NOTICE, masking: 'withheld' });
    expect(d.undecodable?.reason).toBe('not JSON (detail hidden by masking)');
    const plain = stored(garbageFixtures.notJson);
    expect(plain.raw.value).toBe('hello, this is not json');
    expect(plain.undecodable?.preview).toBe('hello, this is not json');
  });

  it('cuts raw values at 256 KiB, and withholds a cut value under masking', () => {
    const big = hugeValue(300 * 1024, 'pg.inventory.customers');
    const plain = stored(big);
    expect(plain.raw).toMatchObject({ truncated: true, sizeBytes: big.value!.length });
    expect(plain.raw.value?.length).toBe(256 * 1024);
    expect(stored(big, emailMasker).raw).toMatchObject({
      value: WITHHELD_NOTICE,
      masking: 'withheld',
      truncated: true,
    });
  });

  it('masks a non-envelope JSON value with the JSON text form', () => {
    const raw = rawFrom({ topic: 'pg.inventory.customers', value: { nested: { email: 'a@b.c' } } });
    expect(stored(raw, emailMasker).raw.value).toBe(R);
  });
});
