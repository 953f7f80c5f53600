import { describe, expect, it } from 'vitest';
import type { Row } from '../contracts/change-event';
import type { FieldDiff } from '../contracts/replicas';
import { diffCopies } from '../diff/copy-diff';
import { diffUpdate } from '../diff/update-diff';
import { renderKey } from '../event-views/render';
import { canonicalJson } from '../replicas/content-hash';
import { createMasker } from './masker';

const T = 'inventory.customers';
const R = '••••••';
const masker = createMasker({ fields: ['email', 'inventory.customers.phone'] });

describe('maskRow / maskKeyRow', () => {
  it('replaces masked columns, keeps field order, and leaves the input untouched', () => {
    const row = { id: 1, email: 'a@b.c', phone: '+1 555', password_hash: null, name: 'Ann' };
    const out = masker.maskRow(T, row);
    expect(out).toEqual({ id: 1, email: R, phone: R, password_hash: R, name: 'Ann' });
    expect(Object.keys(out)).toEqual(Object.keys(row));
    expect(row.email).toBe('a@b.c');
    // phone is masked in inventory.customers only.
    expect(masker.maskRow('inventory.orders', { phone: 'x' })).toEqual({ phone: 'x' });
  });

  it('returns the very same row when nothing is masked, and passes null/undefined rows', () => {
    const row = { id: 1, name: 'Ann', meta: { a: [1, { b: 'c' }] }, doc: '{"a":1}' };
    expect(masker.maskRow(T, row)).toBe(row);
    expect(masker.maskRow(T, null)).toBeNull();
    expect(masker.maskRow<Row | undefined>(T, undefined)).toBeUndefined();
  });

  it('masks keys inside JSON columns that match name rules, objects and JSON strings alike', () => {
    const row = {
      id: 1,
      meta: { source: 'web', contact: { email: 'x@y.z' }, list: [{ apiKey: 'k1' }, { ok: 1 }] },
      doc: '{"user":{"password":"hunter2"},"n":1}',
      note: '{this is free text, not JSON}',
    };
    const out = masker.maskRow('inventory.orders', row);
    expect(out.meta).toEqual({ source: 'web', contact: { email: R }, list: [{ apiKey: R }, { ok: 1 }] });
    expect(out.meta.list[1]).toBe(row.meta.list[1]);
    expect(typeof out.doc).toBe('string');
    expect(JSON.parse(out.doc)).toEqual({ user: { password: R }, n: 1 });
    expect(out.note).toBe(row.note);
  });

  it('does not apply qualified rules inside JSON: `inventory.customers.phone` is a column, not a key', () => {
    const out = masker.maskRow(T, { id: 1, meta: { phone: 'kept' } });
    expect(out.meta).toEqual({ phone: 'kept' });
  });

  it('hides JSON nested deeper than the cap instead of walking it (and survives cycles)', () => {
    let deep: Record<string, unknown> = { password: 'x' };
    for (let i = 0; i < 40; i++) deep = { d: deep };
    const out = masker.maskRow(T, { id: 1, deep });
    expect(JSON.stringify(out)).not.toContain('"x"');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    expect(() => masker.maskRow(T, { id: 1, cyclic })).not.toThrow();
  });

  it('treats a `__proto__` column as data', () => {
    const row = JSON.parse('{"__proto__":{"password":"x"},"id":1}') as Record<string, unknown>;
    const out = masker.maskRow(T, row);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(JSON.stringify(out)).toBe('{"__proto__":{"password":"••••••"},"id":1}');
  });

  it('masks keys the same way, so a masked row renders as exact key text', () => {
    const key = { email: 'a@b.c', id: 7 };
    expect(renderKey(masker.maskKeyRow(T, key))).toBe('email=••••••,id=7');
    expect(masker.maskKeyRow(T, { id: 7 })).toEqual({ id: 7 });
  });

  it('maskField answers for one cell', () => {
    expect(masker.maskField(T, 'email', 42)).toBe(R);
    expect(masker.maskField(T, 'id', 42)).toBe(42);
    expect(masker.maskField(T, 'meta', { token: 't' })).toEqual({ token: R });
  });

  it('never throws: a row whose getter throws comes back with every column hidden', () => {
    const row = { id: 1 } as Record<string, unknown>;
    Object.defineProperty(row, 'boom', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    expect(masker.maskRow(T, row)).toEqual({ id: R, boom: R });
  });
});

describe('maskDiffs', () => {
  it('masks update diffs (path[0] = column) and keeps the entries', () => {
    const before = { id: 1, email: 'old@x.y', meta: { token: 'ta', n: 1 }, qty: 1 };
    const after = { id: 1, email: 'new@x.y', meta: { token: 'tb', n: 2 }, qty: 2 };
    const { changes } = diffUpdate(before, after);
    expect(masker.maskDiffs(T, changes)).toEqual([
      { path: ['email'], kind: 'changed', before: R, after: R },
      { path: ['meta', 'token'], kind: 'changed', before: R, after: R },
      { path: ['meta', 'n'], kind: 'changed', before: 1, after: 2 },
      { path: ['qty'], kind: 'changed', before: 1, after: 2 },
    ]);
  });

  it('masks copy diffs (path[0] = op/key/before/after) including whole rows and keys', () => {
    const a = { op: 'u' as const, key: { email: 'k@x.y' }, before: null, after: { id: 1, email: 'a@x.y', phone: '1' } };
    const b = {
      op: 'c' as const,
      key: { email: 'k2@x.y' },
      before: { id: 1, password: 'p' },
      after: { id: 1, email: 'b@x.y', phone: '2' },
    };
    const out = masker.maskDiffs(T, diffCopies(a, b).changes);
    expect(out).toEqual([
      { path: ['op'], kind: 'changed', before: 'u', after: 'c' },
      { path: ['key', 'email'], kind: 'changed', before: R, after: R },
      { path: ['before'], kind: 'changed', before: null, after: { id: 1, password: R }, typeChanged: true },
      { path: ['after', 'email'], kind: 'changed', before: R, after: R },
      { path: ['after', 'phone'], kind: 'changed', before: R, after: R },
    ]);
  });

  it('drops truncated/typeChanged from masked entries: they would tell length and null-ness', () => {
    const diffs: FieldDiff[] = [
      { path: ['email'], kind: 'changed', before: null, after: 'x'.repeat(10), typeChanged: true },
      { path: ['after', 'password'], kind: 'changed', before: 'a', after: `${'b'.repeat(200)}…`, truncated: true },
      { path: ['phone'], kind: 'added', after: '1' },
    ];
    expect(masker.maskDiffs(T, diffs)).toEqual([
      { path: ['email'], kind: 'changed', before: R, after: R },
      { path: ['after', 'password'], kind: 'changed', before: R, after: R },
      { path: ['phone'], kind: 'added', after: R },
    ]);
  });

  it('masks cut JSON text standing for a row or a JSON column', () => {
    const row = { id: 1, name: 'n'.repeat(30), email: 'cut@x.y', phone: '+1 555 0100' };
    const { changes } = diffCopies(
      { op: 'c', before: null, after: null },
      { op: 'c', before: null, after: row },
      { maxValueChars: 60 },
    );
    expect(changes[0]?.truncated).toBe(true);
    const [masked] = masker.maskDiffs(T, changes);
    expect(JSON.stringify(masked)).not.toMatch(/cut@x|555/);
    const col: FieldDiff[] = [
      { path: ['meta'], kind: 'changed', before: '{"a":1,"secret":"abc', after: null, truncated: true },
    ];
    expect(masker.maskDiffs(T, col)[0]?.before).toBe('{"a":1,"secret":"••••••"');
  });

  it('reads a column named like a copy root both ways', () => {
    const m = createMasker({ fields: ['*.key'], defaults: false });
    expect(m.maskDiffs(T, [{ path: ['key'], kind: 'changed', before: 'k1', after: 'k2' }])).toEqual([
      { path: ['key'], kind: 'changed', before: R, after: R },
    ]);
    expect(
      masker.maskDiffs(T, [{ path: ['after'], kind: 'changed', before: '{"email":"e"}', after: 'x' }])[0]?.before,
    ).toBe('{"email":"••••••"}');
  });

  it('returns the same array when nothing is masked, and hides root-level scalar diffs', () => {
    const diffs: FieldDiff[] = [{ path: ['qty'], kind: 'changed', before: 1, after: 2 }];
    expect(masker.maskDiffs(T, diffs)).toBe(diffs);
    expect(masker.maskDiffs(T, [{ path: [], kind: 'changed', before: 'a', after: 'b' }])).toEqual([
      { path: [], kind: 'changed', before: R, after: R },
    ]);
  });
});

describe('maskText', () => {
  it('masks rendered keys; a masked field takes the rest of the text with it (values may contain commas)', () => {
    expect(masker.maskText(T, 'id=7')).toBe('id=7');
    expect(masker.maskText(T, 'id=7,email=a@b.c')).toBe('id=7,email=••••••');
    expect(masker.maskText(T, 'email=a@b.c,id=7')).toBe('email=••••••…');
    expect(masker.maskText(T, 'email=a,id=7')).toBe('email=••••••…');
    expect(masker.maskText(T, 'id=7,meta={"q":"a,b=c","password":"x"},n=1')).toBe(
      'id=7,meta={"q":"a,b=c","password":"••••••"},n=1',
    );
    expect(masker.maskText(T, 'id=7,meta={"password":"xyz…')).toBe('id=7,meta={"password":"••••••"…');
  });

  it('masks canonical key JSON, cut or not', () => {
    expect(masker.maskText(T, '{"email":"a@b.c","id":7}')).toBe('{"email":"••••••","id":7}');
    expect(masker.maskText(T, 'null')).toBe('null');
    const cut = canonicalJson({ email: `${'x'.repeat(300)}@b.c`, id: 7 }, 256);
    // The `#hash` of a cut key covers the full text, secret included: it goes.
    expect(masker.maskText(T, cut)).toBe('{"email":"••••••"…');
    const cutLate = canonicalJson({ a: 'x'.repeat(300), email: 'late@b.c' }, 256);
    expect(masker.maskText(T, cutLate)).toBe(`{"a":"${'x'.repeat(250)}…`);
  });

  it('hides the whole text when it cannot read it', () => {
    expect(masker.maskText(T, 'no key here')).toBe(R);
    expect(masker.maskText(T, '{"email" "a"}')).toBe(R);
    expect(masker.maskText(T, '')).toBe('');
  });

  it('masks keys at any depth of a JSON document (raw messages, replay previews)', () => {
    const raw = JSON.stringify({
      schema: { fields: [{ field: 'email' }] },
      payload: { before: null, after: { id: 1, email: 'a@b.c', phone: '1' } },
    });
    expect(JSON.parse(masker.maskText(T, raw, 'json'))).toEqual({
      schema: { fields: [{ field: 'email' }] },
      payload: { before: null, after: { id: 1, email: R, phone: R } },
    });
    expect(masker.maskText(T, 'garbage', 'json')).toBe(R);
  });

  it('masks the key inside replica event ids and keeps the rest', () => {
    const key = canonicalJson({ email: 'a@b.c', id: 7 });
    expect(masker.maskEventId(T, `g|0-1-4711|${T}|${key}`, key)).toBe(`g|0-1-4711|${T}|{"email":"••••••","id":7}`);
    expect(masker.maskEventId(T, `g|0-1-4711|${T}|${key}#2`, key)).toBe(`g|0-1-4711|${T}|{"email":"••••••","id":7}#2`);
    const plain = `l|1|2|${T}|{"id":7}`;
    expect(masker.maskEventId(T, plain, '{"id":7}')).toBe(plain);
    expect(masker.maskEventId(T, 'g|x|{"email":"a"}', '{"other":1}')).toBe(R);
  });

  it('hides the content hash of content-hash ids: it would let a guess of the secret be checked', () => {
    expect(masker.maskEventId(T, `c|${T}|1x2y3z|{"id":7}`, '{"id":7}')).toBe(`c|${T}|${R}|{"id":7}`);
    expect(masker.maskEventId(T, `c|${T}|1x2y3z|{"email":"a"}#3`, '{"email":"a"}')).toBe(
      `c|${T}|${R}|{"email":"••••••"}#3`,
    );
    expect(createMasker({ defaults: false }).maskEventId(T, `c|${T}|1x2y3z|{"id":7}`, '{"id":7}')).toBe(
      `c|${T}|1x2y3z|{"id":7}`,
    );
  });
});

describe('hostile input', () => {
  it('never throws, and hides what it cannot read', () => {
    const keysThrow = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('no');
        },
      },
    ) as Record<string, unknown>;
    expect(masker.maskRow(T, keysThrow)).toEqual({});
    const entry = { path: ['x'], kind: 'changed' } as FieldDiff;
    Object.defineProperty(entry, 'before', {
      enumerable: true,
      get: () => {
        throw new Error('no');
      },
    });
    expect(masker.maskDiffs(T, [entry])).toEqual([{ path: [], kind: 'changed', before: R, after: R }]);
    const loose = masker as unknown as {
      maskText(t: unknown, x: unknown): unknown;
      maskEventId(t: unknown, i: unknown, k: unknown): unknown;
      isMasked(t: unknown, c: unknown): unknown;
    };
    expect(loose.maskText(T, 42)).toBe(42);
    expect(loose.maskEventId(T, 'g|1|{"id":7}', undefined)).toBe(R);
    expect(loose.isMasked(T, 42)).toBe(true);
    expect(masker.maskField(T, 'meta', keysThrow)).toBe(R);
  });
});

describe('an inactive masker', () => {
  it('returns every input as it is', () => {
    const m = createMasker({ defaults: false });
    const row = { password: 'x' };
    const diffs: FieldDiff[] = [{ path: ['password'], kind: 'added', after: 'x' }];
    expect(m.maskRow(T, row)).toBe(row);
    expect(m.maskDiffs(T, diffs)).toBe(diffs);
    expect(m.maskText(T, 'password=x')).toBe('password=x');
    expect(m.isMasked(T, 'password')).toBe(false);
  });
});
