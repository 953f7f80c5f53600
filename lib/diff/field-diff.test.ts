import { describe, expect, it } from 'vitest';
import { diffValues } from './field-diff';

describe('field diff', () => {
  it('lists nested changes, additions and removals as flat rows', () => {
    const { changes, omitted } = diffValues(
      { id: 1, meta: { source: 'web', tags: ['a', 'b'] }, gone: 1 },
      { id: 1, meta: { source: 'app', tags: ['a', 'b', 'c'] }, added: true },
    );
    expect(omitted).toBe(0);
    expect(changes).toEqual([
      { path: ['meta', 'source'], kind: 'changed', before: 'web', after: 'app' },
      { path: ['meta', 'tags', '2'], kind: 'added', after: 'c' },
      { path: ['gone'], kind: 'removed', before: 1 },
      { path: ['added'], kind: 'added', after: true },
    ]);
  });

  it('flags type changes, null ↔ value included', () => {
    const { changes } = diffValues({ a: 1, b: null, c: { x: 1 }, d: [1] }, { a: '1', b: 5, c: null, d: { 0: 1 } });
    expect(changes).toEqual([
      { path: ['a'], kind: 'changed', before: 1, after: '1', typeChanged: true },
      { path: ['b'], kind: 'changed', before: null, after: 5, typeChanged: true },
      { path: ['c'], kind: 'changed', before: { x: 1 }, after: null, typeChanged: true },
      { path: ['d'], kind: 'changed', before: [1], after: { 0: 1 }, typeChanged: true },
    ]);
  });

  it('cuts long values and flags them', () => {
    const long = 'x'.repeat(500);
    const [row] = diffValues({ s: 'short' }, { s: long }).changes;
    expect(row?.after).toBe(`${'x'.repeat(200)}…`);
    expect(row?.before).toBe('short');
    expect(row?.truncated).toBe(true);
    const [obj] = diffValues({ o: null }, { o: { text: long } }, { maxValueChars: 20 }).changes;
    expect(obj?.after).toBe('{"text":"xxxxxxxxxxx…');
    expect(obj?.truncated).toBe(true);
  });

  it('collapses changes below the depth limit into one row per capped path', () => {
    const deep = (v: number) => ({ l1: { l2: { l3: { l4: { a: v, b: v } } } } });
    const { changes } = diffValues(deep(1), deep(2), { maxDepth: 3 });
    expect(changes).toEqual([
      {
        path: ['l1', 'l2', 'l3'],
        kind: 'changed',
        before: { l4: { a: 1, b: 1 } },
        after: { l4: { a: 2, b: 2 } },
        depthCapped: true,
      },
    ]);
    expect(diffValues(deep(1), deep(1), { maxDepth: 3 }).changes).toEqual([]);
  });

  it('caps the number of rows and counts the rest', () => {
    const a = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, i]));
    const b = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${i}`, i + 1]));
    const r = diffValues(a, b, { maxChanges: 10 });
    expect(r.changes).toHaveLength(10);
    expect(r.omitted).toBe(20);
  });

  it('diffs top-level scalars and identical values', () => {
    expect(diffValues(1, 2).changes).toEqual([{ path: [], kind: 'changed', before: 1, after: 2 }]);
    expect(diffValues({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }).changes).toEqual([]);
  });
});
