import { describe, expect, it } from 'vitest';
import { createSecondRing, OP_COLUMNS, SERIES_SECONDS } from './second-ring';

const T = 1_700_000_000; // seconds

function put(ring: ReturnType<typeof createSecondRing>, sec: number, n = 1): number {
  const i = ring.writeIndex(sec);
  if (i >= 0) ring.ops[i * OP_COLUMNS] = (ring.ops[i * OP_COLUMNS] ?? 0) + n;
  return i;
}
const read = (ring: ReturnType<typeof createSecondRing>, sec: number) => {
  const i = ring.readIndex(sec);
  return i < 0 ? 0 : (ring.ops[i * OP_COLUMNS] ?? 0);
};

describe('second ring', () => {
  it('keeps 900 seconds and nothing older', () => {
    const ring = createSecondRing();
    for (let s = 0; s < 1_000; s++) put(ring, T + s, s);
    expect(read(ring, T + 999)).toBe(999);
    expect(read(ring, T + 100)).toBe(100);
    expect(read(ring, T + 99)).toBe(0);
    expect(ring.readIndex(T + 99)).toBe(-1);
    expect(ring.readIndex(T + 1_000)).toBe(-1);
  });

  it('zeroes skipped seconds on a gap, so old buckets do not come back', () => {
    const ring = createSecondRing();
    put(ring, T, 5);
    put(ring, T + 1, 6);
    put(ring, T + 600, 7); // a 10-minute gap inside the ring
    expect(read(ring, T)).toBe(5);
    expect(read(ring, T + 300)).toBe(0);
    put(ring, T + 900, 8); // T's bucket is reused
    expect(read(ring, T)).toBe(0);
    expect(read(ring, T + 1)).toBe(6);
    put(ring, T + 5_000, 9); // a gap longer than the ring clears it all
    expect(read(ring, T + 600)).toBe(0);
    expect(read(ring, T + 5_000)).toBe(9);
    for (let s = T + 4_101; s < T + 5_000; s++) expect(read(ring, s)).toBe(0);
  });

  it('writes a second in the recent past into its own bucket and drops older ones', () => {
    const ring = createSecondRing();
    put(ring, T + 1_000, 1);
    expect(put(ring, T + 998, 2)).toBeGreaterThanOrEqual(0);
    expect(read(ring, T + 998)).toBe(2);
    expect(ring.head()).toBe(T + 1_000);
    expect(put(ring, T + 1_000 - SERIES_SECONDS, 3)).toBe(-1);
    expect(read(ring, T + 1_000)).toBe(1);
  });

  it('has a fixed footprint', () => {
    const ring = createSecondRing();
    const before = ring.footprintBytes();
    for (let s = 0; s < 5_000; s++) put(ring, T + s, 1_000);
    expect(ring.footprintBytes()).toBe(before);
    expect(before).toBeLessThan(50_000);
  });
});
