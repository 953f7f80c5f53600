import { describe, expect, it } from 'vitest';
import { canonicalJson, fingerprintChange, hashString, hashValue } from './content-hash';

describe('content hash', () => {
  it('is cyrb53 for strings (known values)', () => {
    // Reference values of the published cyrb53 with seed 0.
    expect(hashString('a')).toBe(7929297801672961);
    expect(hashString('revenge')).toBe(4051478007546757);
    expect(hashString('revenue')).toBe(8309097637345594);
    expect(hashString('')).toBe(3338908027751811);
  });

  it('does not depend on object key order, at any depth', () => {
    const x = { id: 1, meta: { a: [1, { y: 2, x: 1 }], b: 'z' }, name: 'n' };
    const y = { name: 'n', meta: { b: 'z', a: [1, { x: 1, y: 2 }] }, id: 1 };
    expect(hashValue(x)).toBe(hashValue(y));
    expect(canonicalJson(x)).toBe(canonicalJson(y));
    expect(canonicalJson(x)).toBe('{"id":1,"meta":{"a":[1,{"x":1,"y":2}],"b":"z"},"name":"n"}');
  });

  it('tells apart values JSON tells apart', () => {
    const values: unknown[] = [
      null,
      0,
      1,
      -1,
      1.5,
      '1',
      '',
      'a',
      true,
      false,
      [],
      {},
      [null],
      { a: null },
      { a: 1 },
      { b: 1 },
      [1, 2],
      [2, 1],
      [[1], 2],
      [1, [2]],
      2 ** 40,
      'ab',
      ['a', 'b'],
    ];
    const hashes = new Set(values.map((v) => hashValue(v)));
    expect(hashes.size).toBe(values.length);
  });

  it('treats -0 as 0 and undefined properties as absent, as JSON does', () => {
    expect(hashValue(-0)).toBe(hashValue(0));
    expect(hashValue({ a: 1, b: undefined })).toBe(hashValue({ a: 1 }));
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('fingerprints the change content, not the source block', () => {
    const row = { id: 1, v: 'x' };
    const f = fingerprintChange('inventory.t', 'u', { id: 1 }, row, { ...row, v: 'y' });
    expect(fingerprintChange('inventory.t', 'u', { id: 1 }, { v: 'x', id: 1 }, { v: 'y', id: 1 })).toBe(f);
    expect(fingerprintChange('inventory.t', 'c', { id: 1 }, row, { ...row, v: 'y' })).not.toBe(f);
    expect(fingerprintChange('inventory.u', 'u', { id: 1 }, row, { ...row, v: 'y' })).not.toBe(f);
    expect(fingerprintChange('inventory.t', 'u', { id: 2 }, row, { ...row, v: 'y' })).not.toBe(f);
    // before and after are not interchangeable.
    expect(fingerprintChange('inventory.t', 'u', { id: 1 }, { ...row, v: 'y' }, row)).not.toBe(f);
  });

  it('caps canonical JSON with a hash suffix that keeps long values apart', () => {
    const a = canonicalJson({ s: 'x'.repeat(500) + 'a' }, 50);
    const b = canonicalJson({ s: 'x'.repeat(500) + 'b' }, 50);
    expect(a.startsWith('{"s":"xxx')).toBe(true);
    expect(a).toMatch(/…#[0-9a-z]+$/);
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThan(70);
  });

  it('survives values deeper than the walk limit', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { d: deep };
    expect(Number.isInteger(hashValue(deep))).toBe(true);
    expect(canonicalJson(deep).length).toBeGreaterThan(0);
  });
});
