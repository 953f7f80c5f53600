import { describe, expect, it } from 'vitest';
import { deeperThan } from './json-guards';
import { rng } from './fixtures/avro-envelopes';

/** The plain definition deeperThan must agree with: every value visited, primitives included. */
function reference(value: unknown, maxDepth: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (maxDepth <= 0) return true;
  const items: unknown[] = Array.isArray(value) ? value : Object.values(value);
  return items.some((item) => reference(item, maxDepth - 1));
}

function nested(depth: number, leaf: unknown, wrap: (x: unknown) => unknown): unknown {
  let x = leaf;
  for (let i = 0; i < depth; i++) x = wrap(x);
  return x;
}

describe('deeperThan', () => {
  it('counts objects and arrays, not scalars: exactly maxDepth levels pass, one more does not', () => {
    for (const wrap of [(x: unknown) => ({ a: 1, x }), (x: unknown) => [1, x, 'z'], (x: unknown) => ({ l: [x] })]) {
      const five = nested(5, 7, wrap);
      const depth = JSON.stringify(five)
        .split('')
        .filter((c) => c === '{' || c === '[').length;
      expect(deeperThan(five, depth)).toBe(false);
      expect(deeperThan(five, depth - 1)).toBe(true);
    }
    expect(deeperThan({}, 0)).toBe(true);
    expect(deeperThan({}, 1)).toBe(false);
    expect(deeperThan([[]], 1)).toBe(true);
    expect(deeperThan({ a: null, b: 'x', c: 1, d: true }, 1)).toBe(false);
    for (const scalar of [null, undefined, 1, 'x', true]) expect(deeperThan(scalar, 0)).toBe(false);
  });

  it('stops at the first offender of a 100k-deep array without overflowing the stack', () => {
    expect(
      deeperThan(
        nested(100_000, null, (x) => [x]),
        64,
      ),
    ).toBe(true);
  });

  it('agrees with the plain definition on 5,000 random values (seeded)', () => {
    const r = rng(11);
    const gen = (left: number): unknown => {
      const pick = r();
      if (left === 0 || pick < 0.35) return [null, 1, 'a', true, -0][Math.floor(r() * 5)];
      const n = Math.floor(r() * 4);
      if (pick < 0.65) return Array.from({ length: n }, () => gen(left - 1));
      return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, gen(left - 1)]));
    };
    for (let i = 0; i < 5_000; i++) {
      const v = gen(1 + Math.floor(r() * 9));
      const max = Math.floor(r() * 8);
      expect(deeperThan(v, max)).toBe(reference(v, max));
    }
  });
});
