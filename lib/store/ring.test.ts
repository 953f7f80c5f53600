import { describe, expect, it } from 'vitest';
import { createRing } from './ring';

describe('ring', () => {
  it('keeps the newest items, oldest first', () => {
    const r = createRing<number>(3);
    [1, 2, 3, 4, 5].forEach((n) => r.push(n));
    expect(r.toArray()).toEqual([3, 4, 5]);
    expect(r.size).toBe(3);
  });
});
