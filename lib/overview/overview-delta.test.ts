import { describe, expect, it } from 'vitest';
import { row } from './summary-rows.fixture';
import { applyBrief, briefOf, clientRows, splitChanged } from './overview-delta';

describe('splitChanged', () => {
  const changed = [row('s.a', 1), row('s.b', 2), row('s.c', 3)];

  it('sends every row whole to a client that never said what it shows', () => {
    const { tables, brief } = splitChanged(changed, () => undefined, clientRows(), 1);
    expect(tables.map((t) => t.tableKey)).toEqual(['s.a', 's.b', 's.c']);
    expect(brief).toEqual([]);
  });

  it('sends shown and never-sent tables whole, the rest as sort keys only', () => {
    const view = {
      visible: new Set(['s.b']),
      current: new Set<string>(),
      known: new Map([
        ['s.a', 0],
        ['s.b', 0],
      ]),
    };
    const { tables, brief } = splitChanged(changed, (k) => row(k, 0), view, 1);
    expect(tables.map((t) => t.tableKey)).toEqual(['s.b', 's.c']);
    expect(brief).toEqual([['s.a', 1, 1001, 5, 10]]);
    // Off screen with unmoved sort keys: nothing at all.
    expect(splitChanged([row('s.a', 1)], (k) => row(k, 1), view, 2).brief).toEqual([]);
  });

  it('briefs a row the client held current when it changes off screen, sort keys moved or not, once', () => {
    const view = { visible: new Set(['s.b']), current: new Set(['s.a', 's.b']), known: new Map([['s.a', 0]]) };
    // Only the sparkline and the totals moved: the client's row is out of date all the same, so it is told.
    const quiet = { ...row('s.a', 1), spark: [9], totals: { ...row('s.a', 1).totals, u: 99 } };
    expect(splitChanged([quiet], (k) => row(k, 1), view, 1).brief).toEqual([briefOf(quiet)]);
    expect(view.current.has('s.a')).toBe(false);
    // Already marked: a further change with unmoved sort keys sends nothing until it is shown again.
    expect(splitChanged([{ ...quiet, spark: [8] }], () => quiet, view, 2).brief).toEqual([]);
  });

  it('a brief is a fraction of the whole row it stands for', () => {
    const whole = JSON.stringify(row('replica_a.inventory.orders', 12.5));
    expect(JSON.stringify(briefOf(row('replica_a.inventory.orders', 12.5))).length).toBeLessThan(whole.length / 2);
  });
});

describe('applyBrief', () => {
  it('patches the sort keys and leaves the rest of the row as last sent', () => {
    const old = row('s.a', 1);
    const patched = applyBrief(old, briefOf(row('s.a', 7, null)));
    expect(patched.rate).toBe(7);
    expect(patched.lastEventAt).toBe(1007);
    expect(patched.lag.capture.m1.p95).toBeNull();
    expect(patched.lag.endToEnd.m1.p95).toBeNull();
    // What a brief does not carry keeps the old values.
    expect(patched.totals).toBe(old.totals);
    expect(patched.lag.capture.m1.p50).toBe(1);
    expect(patched.lag.capture.m5).toBe(old.lag.capture.m5);
    expect(old.rate).toBe(1);
  });
});
