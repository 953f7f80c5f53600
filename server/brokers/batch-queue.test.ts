import { afterEach, describe, expect, it, vi } from 'vitest';
import { createBatchQueue } from './batch-queue';

describe('batch queue', () => {
  it('hands batches over in order and ends on close', async () => {
    const q = createBatchQueue<number>(10);
    await q.push([1, 2]);
    await q.push([3]);
    q.close();
    const got: number[][] = [];
    for await (const b of q) got.push(b);
    expect(got).toEqual([[1, 2], [3]]);
  });

  it('hands a batch longer than maxBatch over in pieces, in order', async () => {
    const q = createBatchQueue<number>(100, { maxBatch: 4 });
    await q.push([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(q.offer([11, 12, 13, 14, 15])).toBe(true);
    expect(q.size).toBe(15);
    q.close();
    const got: number[][] = [];
    for await (const b of q) got.push(b);
    expect(got).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9, 10], [11, 12, 13, 14], [15]]);
  });

  it('holds the writer while full, releases it when read', async () => {
    const q = createBatchQueue<number>(2);
    await q.push([1, 2]);
    let pushed = false;
    const p = q.push([3]).then(() => (pushed = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(pushed).toBe(false);
    const it = q[Symbol.asyncIterator]();
    expect((await it.next()).value).toEqual([1, 2]);
    await p;
    expect(pushed).toBe(true);
    expect((await it.next()).value).toEqual([3]);
    q.close();
    expect((await it.next()).done).toBe(true);
  });

  describe('add: one item at a time, handed over on a timer', () => {
    afterEach(() => {
      vi.useRealTimers();
    });

    /** Reads batches in the background, as the pipeline does. */
    function reader<T>(q: AsyncIterable<T[]>) {
      const got: T[][] = [];
      const done = (async () => {
        for await (const b of q) got.push(b);
      })();
      return { got, done };
    }

    it("hands a quiet stream's last items over after flushMs, without waiting for another item", async () => {
      vi.useFakeTimers();
      const q = createBatchQueue<number>(100, { maxBatch: 10, flushMs: 50 });
      const r = reader(q);
      for (let i = 1; i <= 3; i++) expect(q.add(i)).toBeNull();
      await vi.advanceTimersByTimeAsync(49);
      expect(r.got).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(r.got).toEqual([[1, 2, 3]]);
      // Nothing more arrives: nothing more is handed over, and the next lone item gets its own timer.
      await vi.advanceTimersByTimeAsync(1_000);
      expect(q.add(4)).toBeNull();
      await vi.advanceTimersByTimeAsync(50);
      expect(r.got).toEqual([[1, 2, 3], [4]]);
      q.close();
      await r.done;
    });

    it('hands a full batch over at once, and the rest of a burst on the timer', async () => {
      vi.useFakeTimers();
      const q = createBatchQueue<number>(100, { maxBatch: 4, flushMs: 50 });
      const r = reader(q);
      for (let i = 1; i <= 10; i++) expect(q.add(i)).toBeNull();
      await vi.advanceTimersByTimeAsync(0);
      expect(r.got).toEqual([
        [1, 2, 3, 4],
        [5, 6, 7, 8],
      ]);
      await vi.advanceTimersByTimeAsync(50);
      expect(r.got.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      q.close();
      await r.done;
    });

    it('asks the writer to wait while the queue is full, and drops what is being filled on close', async () => {
      vi.useFakeTimers();
      const q = createBatchQueue<number>(4, { maxBatch: 2, flushMs: 50 });
      expect([q.size, q.oldest()]).toEqual([0, undefined]);
      expect(q.add(1)).toBeNull();
      expect([q.size, q.oldest()]).toEqual([1, 1]);
      expect(q.add(2)).toBeNull();
      expect(q.add(3)).toBeNull();
      expect([q.size, q.oldest()]).toEqual([3, 1]);
      const wait = q.add(4);
      expect(wait).toBeInstanceOf(Promise);
      let released = false;
      void wait?.then(() => (released = true));
      await vi.advanceTimersByTimeAsync(100);
      expect(released).toBe(false);
      const it = q[Symbol.asyncIterator]();
      expect((await it.next()).value).toEqual([1, 2]);
      await vi.advanceTimersByTimeAsync(0);
      expect(released).toBe(true);
      expect(q.add(5)).toBeNull();
      q.close();
      expect((await it.next()).value).toEqual([3, 4]);
      expect((await it.next()).done).toBe(true);
      await vi.advanceTimersByTimeAsync(100);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
