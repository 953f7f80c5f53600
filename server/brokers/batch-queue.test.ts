import { describe, expect, it } from 'vitest';
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
});
