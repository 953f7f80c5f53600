import { describe, expect, it } from 'vitest';
import { newestFirst, type Queue } from './event-queue';
import type { StoredEvent } from './event-store-view';

const event = (seq: number) => ({ seq, id: `e${seq}` }) as StoredEvent;
/** A queue of these seqs, the first `gone` of them already evicted. */
function queue(seqs: number[], gone = 0): Queue {
  const items: Queue['items'] = seqs.map(event);
  items.fill(undefined, 0, gone);
  return { items, head: gone, bytes: 0 };
}
function drain(next: () => StoredEvent | undefined): number[] {
  const out: number[] = [];
  for (let e = next(); e !== undefined; e = next()) out.push(e.seq);
  return out;
}

describe('newestFirst: the store-wide order, merged from the tables at read time', () => {
  it('interleaves the tables by seq, newest first, skipping evicted events', () => {
    const qs = [queue([1, 4, 5, 9]), queue([2, 3, 8], 1), queue([]), queue([6, 7, 10, 11], 2)];
    expect(drain(newestFirst(qs, Infinity))).toEqual([11, 10, 9, 8, 5, 4, 3, 1]);
  });

  it('starts below a cursor', () => {
    const qs = [queue([1, 4, 5, 9]), queue([2, 3, 8])];
    expect(drain(newestFirst(qs, 5))).toEqual([4, 3, 2, 1]);
    expect(drain(newestFirst(qs, 1))).toEqual([]);
  });

  it('agrees with a sort over many tables', () => {
    let seq = 0;
    const qs = Array.from({ length: 37 }, () => queue([]));
    const all: number[] = [];
    for (let i = 0; i < 5_000; i++) {
      const q = qs[(i * 7919) % (1 + (i % 37))] as Queue;
      q.items.push(event(++seq));
      all.push(seq);
    }
    const below = 4_321;
    expect(drain(newestFirst(qs, below))).toEqual(all.filter((s) => s < below).reverse());
  });
});
