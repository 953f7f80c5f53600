import { describe, expect, it } from 'vitest';
import { createPendingWindow, FRESH, OVERDUE } from './pending-window';
import { createRememberedIds, LOST, MATCHED } from './remembered-ids';

describe('pending window', () => {
  it('finds the oldest live entry in arrival order across removals and slot reuse', () => {
    const w = createPendingWindow(10);
    const slots = ['a', 'b', 'c', 'd'].map((id, i) => w.add(id, i));
    expect(w.oldest()).toBe(slots[0]);
    w.remove(slots[0] as number);
    w.remove(slots[2] as number);
    expect(w.oldest()).toBe(slots[1]);
    // Re-adding an id (a freed slot is reused) puts it last, not first.
    const again = w.add('a', 10);
    w.remove(slots[1] as number);
    expect(w.oldest()).toBe(slots[3]);
    w.remove(slots[3] as number);
    expect(w.oldest()).toBe(again);
    w.remove(again);
    expect(w.oldest()).toBe(-1);
    expect(w.size).toBe(0);
    w.add('e', 11);
    expect(w.cols.ids[w.oldest()]).toBe('e');
  });

  it('marks entries overdue once, oldest first, skipping removed ones', () => {
    const w = createPendingWindow(100);
    for (let i = 0; i < 10; i++) w.add(`id${i}`, i * 100);
    w.remove(w.get('id1'));
    const seen: string[] = [];
    const mark = (now: number) => w.markOverdue(now, 500, (slot) => seen.push(w.cols.ids[slot] ?? '?'));
    mark(600);
    expect(seen).toEqual(['id0']);
    mark(650);
    expect(seen).toEqual(['id0']);
    w.add('late', 700);
    mark(1_300);
    expect(seen).toEqual(['id0', 'id2', 'id3', 'id4', 'id5', 'id6', 'id7', 'id8']);
    expect(w.freshCount).toBe(2);
    expect(w.cols.state[w.get('id9')]).toBe(FRESH);
    expect(w.cols.state[w.get('id8')]).toBe(OVERDUE);
    mark(10_000);
    expect(seen.slice(-2)).toEqual(['id9', 'late']);
    expect(w.freshCount).toBe(0);
  });

  it('grows its columns up to the limit and keeps values', () => {
    const w = createPendingWindow(5_000);
    const before = w.columnBytes();
    for (let i = 0; i < 3_000; i++) {
      const s = w.add(`k${i}`, i);
      w.cols.fp[s] = i * 3;
    }
    expect(w.columnBytes()).toBeGreaterThan(before);
    expect(w.cols.fp[w.get('k17')]).toBe(51);
    expect(w.cols.at[w.get('k2999')]).toBe(2_999);
    expect(w.size).toBe(3_000);
  });
});

describe('remembered ids', () => {
  it('forgets the oldest beyond the count limit and by age', () => {
    const r = createRememberedIds(3);
    for (const [i, id] of ['a', 'b', 'c', 'd'].entries()) r.add(id, MATCHED, i * 1_000);
    expect(r.get('a')).toBe(-1);
    expect(r.size).toBe(3);
    r.expire(3_500, 2_000);
    expect(r.get('b')).toBe(-1);
    expect(r.get('c')).toBeGreaterThanOrEqual(0);
    r.expire(10_000, 2_000);
    expect(r.size).toBe(0);
  });

  it('keeps entries and their columns when it grows', () => {
    const r = createRememberedIds(5_000);
    for (let i = 0; i < 2_500; i++) {
      const s = r.add(`id${i}`, i % 2 === 0 ? MATCHED : LOST, i);
      r.cols.fpA[s] = i;
    }
    const s = r.get('id1001');
    expect(r.cols.kind[s]).toBe(LOST);
    expect(r.cols.fpA[s]).toBe(1001);
    expect(Number.isNaN(r.cols.fpB[s])).toBe(true);
  });

  it('remembers nothing when the limit is 0', () => {
    const r = createRememberedIds(0);
    expect(r.add('x', MATCHED, 0)).toBe(-1);
    expect(r.get('x')).toBe(-1);
  });
});
