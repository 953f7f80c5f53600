import { describe, expect, it } from 'vitest';
import { compareReplicas, compareTables } from './compare';
import { emptyTally } from './truth';

const side = (o: Partial<Record<string, number>> = {}) => ({
  unique: 0,
  duplicates: 0,
  pending: 0,
  onlyIn: 0,
  lost: 0,
  evicted: 0,
  ...o,
});

describe('count comparison', () => {
  it('equal counts pass; a missed, a double-counted and an unseen table each fail', () => {
    const truth = new Map([
      ['a.db.t', { ...emptyTally(), c: 10, u: 5, tombstones: 2 }],
      ['a.db.gone', { ...emptyTally(), c: 3 }],
      ['other.db.x', { ...emptyTally(), c: 1 }],
    ]);
    const rows = compareTables(
      truth,
      [
        { tableKey: 'a.db.t', totals: { c: 10, u: 6 }, tombstones: 2 },
        { tableKey: 'a.db.phantom', totals: { c: 1 }, tombstones: 0 },
      ],
      (t) => t.startsWith('a.'),
    );
    const bad = rows.filter((r) => !r.ok).map((r) => `${r.table} ${r.measure} ${r.shown}/${r.expected}`);
    expect(bad).toEqual(['a.db.gone c 0/3', 'a.db.phantom c 1/0', 'a.db.t u 6/5']);
    expect(rows.some((r) => r.table === 'other.db.x')).toBe(false);
    expect(rows.filter((r) => r.table === 'a.db.t').map((r) => r.measure)).toEqual([
      'c',
      'u',
      'd',
      'r',
      'other',
      'tombstones',
    ]);
  });

  it('ops beyond c/u/d/r compare as "other", and unreadable messages are a failure', () => {
    const rows = compareTables(
      new Map([['a.db.t', { ...emptyTally(), other: 2, unreadable: 1 }]]),
      [{ tableKey: 'a.db.t', totals: { t: 1, m: 1 }, tombstones: 0 }],
      () => true,
    );
    expect(rows.find((r) => r.measure === 'other')).toMatchObject({ expected: 2, shown: 2, ok: true });
    expect(rows.find((r) => r.measure === 'unreadable')).toMatchObject({ ok: false });
  });

  it('replicas: duplicates must be duplicates, and "unmatched" only what really is one-sided', () => {
    const truth = [
      {
        table: 'inventory.t',
        a: { events: 12, duplicates: 2, onlyHere: 0 },
        b: { events: 10, duplicates: 0, onlyHere: 0 },
        matched: 10,
        divergent: 0,
        samples: [],
      },
    ];
    const good = compareReplicas(truth, [
      { table: 'inventory.t', a: side({ duplicates: 2 }), b: side(), matched: 10, divergent: 0 },
    ]);
    expect(good.every((r) => r.ok)).toBe(true);
    // The restart's repeats taken for loss: a false alarm.
    const falseLoss = compareReplicas(truth, [
      { table: 'inventory.t', a: side(), b: side({ lost: 2 }), matched: 10, divergent: 0 },
    ]);
    expect(falseLoss.filter((r) => !r.ok).map((r) => r.measure)).toEqual(['a.duplicates', 'b.unmatched']);
  });

  it('replicas: real one-sided events must show', () => {
    const truth = [
      {
        table: 'inventory.t',
        a: { events: 3, duplicates: 0, onlyHere: 1 },
        b: { events: 2, duplicates: 0, onlyHere: 0 },
        matched: 2,
        divergent: 0,
        samples: [],
      },
    ];
    const hidden = compareReplicas(truth, [{ table: 'inventory.t', a: side(), b: side(), matched: 2, divergent: 0 }]);
    expect(hidden.filter((r) => !r.ok).map((r) => r.measure)).toEqual(['a.unmatched']);
    const shown = compareReplicas(truth, [
      { table: 'inventory.t', a: side({ onlyIn: 1 }), b: side(), matched: 2, divergent: 0 },
    ]);
    expect(shown.every((r) => r.ok)).toBe(true);
  });

  it('replicas: a divergent change is matched and divergent, never one-sided', () => {
    const truth = [
      {
        table: 'inventory.t',
        a: { events: 3, duplicates: 0, onlyHere: 0 },
        b: { events: 3, duplicates: 0, onlyHere: 0 },
        matched: 3,
        divergent: 1,
        samples: [],
      },
    ];
    const good = compareReplicas(truth, [{ table: 'inventory.t', a: side(), b: side(), matched: 3, divergent: 1 }]);
    expect(good.every((r) => r.ok)).toBe(true);
    // Paired but not called divergent: the images' difference hidden.
    const hidden = compareReplicas(truth, [{ table: 'inventory.t', a: side(), b: side(), matched: 3, divergent: 0 }]);
    expect(hidden.filter((r) => !r.ok).map((r) => r.measure)).toEqual(['divergent']);
    // Left as two one-sided changes: a false "lost".
    const split = compareReplicas(truth, [
      { table: 'inventory.t', a: side({ lost: 1 }), b: side({ lost: 1 }), matched: 2, divergent: 0 },
    ]);
    expect(split.filter((r) => !r.ok).map((r) => r.measure)).toEqual([
      'a.unmatched',
      'b.unmatched',
      'matched',
      'divergent',
    ]);
  });
});
