import { describe, expect, it } from 'vitest';
import { changedFields, UNAVAILABLE_VALUE_PLACEHOLDER } from './changed-fields';

describe('changedFields', () => {
  it('lists top-level fields whose values differ, in after order', () => {
    expect(changedFields({ id: 1, a: 'x', b: 2, c: true }, { id: 1, c: false, a: 'y', b: 2 })).toEqual(['c', 'a']);
  });

  it('compares nested JSON columns deeply', () => {
    const before = { id: 1, meta: { tags: ['a', 'b'], n: { x: 1 } }, list: [1, { k: 2 }] };
    expect(changedFields(before, structuredClone(before))).toEqual([]);
    expect(changedFields(before, { ...before, meta: { tags: ['a', 'c'], n: { x: 1 } } })).toEqual(['meta']);
    expect(changedFields(before, { ...before, list: [1, { k: 3 }] })).toEqual(['list']);
    expect(changedFields({ a: [1, 2] }, { a: [1, 2, 3] })).toEqual(['a']);
    expect(changedFields({ a: { x: 1 } }, { a: { x: 1, y: 2 } })).toEqual(['a']);
    expect(changedFields({ a: { x: 1, y: undefined } }, { a: { x: 1, z: undefined } })).toEqual(['a']);
    expect(changedFields({ a: [1] }, { a: { 0: 1 } })).toEqual(['a']);
    expect(changedFields({ a: null }, { a: {} })).toEqual(['a']);
    expect(changedFields({ a: 1 }, { a: '1' })).toEqual(['a']);
  });

  it('returns nothing when a side is missing (insert, delete, REPLICA IDENTITY DEFAULT update)', () => {
    expect(changedFields(null, { id: 1 })).toEqual([]);
    expect(changedFields({ id: 1 }, null)).toEqual([]);
    expect(changedFields(undefined, undefined)).toEqual([]);
  });

  it('ignores fields only one side has, and unchanged-TOAST placeholders', () => {
    expect(changedFields({ id: 1 }, { id: 1, name: 'new' })).toEqual([]);
    expect(changedFields({ id: 1, dropped: 1 }, { id: 1 })).toEqual([]);
    expect(changedFields({ id: 1, doc: 'long text' }, { id: 1, doc: UNAVAILABLE_VALUE_PLACEHOLDER })).toEqual([]);
    expect(changedFields({ doc: 'a' }, { doc: '??' }, '??')).toEqual([]);
  });

  it('does not overflow on very deep values', () => {
    let deepA: unknown = 1;
    let deepB: unknown = 1;
    for (let i = 0; i < 10_000; i++) {
      deepA = [deepA];
      deepB = [deepB];
    }
    expect(changedFields({ x: deepA }, { x: deepB })).toEqual(['x']);
  });
});
