import { describe, expect, it } from 'vitest';
import { createByteRing, RECORD_HEADER_BYTES, type ByteRing } from './byte-ring';

/** A record whose bytes say which it is: `n` repeated, so a misplaced or overwritten read shows. */
const rec = (n: number, length: number) => new Uint8Array(length).fill(n & 0xff);
const same = (ring: ByteRing, offset: number, n: number, length: number) =>
  expect(Array.from(ring.read(offset) ?? [])).toEqual(Array.from(rec(n, length)));

describe('byte ring', () => {
  it('reads back what was appended, first and second part as one record', () => {
    const ring = createByteRing({ initialBytes: 64, maxBytes: 64 });
    const a = ring.append(new Uint8Array([1, 2]), new Uint8Array([3]));
    const b = ring.append(new Uint8Array(0));
    expect(Array.from(ring.read(a!)!)).toEqual([1, 2, 3]);
    expect(ring.read(b!)).toHaveLength(0);
    expect(ring.used).toBe(2 * RECORD_HEADER_BYTES + 3);
  });

  it('releases oldest first: a released record and every older one read undefined, newer ones stay', () => {
    const ring = createByteRing({ initialBytes: 256, maxBytes: 256 });
    const offsets = [0, 1, 2, 3].map((n) => ring.append(rec(n, 10))!);
    ring.release(offsets[1]!);
    expect(ring.read(offsets[0]!)).toBeUndefined();
    expect(ring.read(offsets[1]!)).toBeUndefined();
    same(ring, offsets[2]!, 2, 10);
    same(ring, offsets[3]!, 3, 10);
    expect(ring.used).toBe(2 * (RECORD_HEADER_BYTES + 10));
    // Releasing an already released offset changes nothing.
    ring.release(offsets[0]!);
    same(ring, offsets[2]!, 2, 10);
  });

  it('refuses an append when full rather than overwrite a live record', () => {
    const ring = createByteRing({ initialBytes: 64, maxBytes: 64 });
    const first = ring.append(rec(1, 24))!;
    const second = ring.append(rec(2, 24))!;
    expect(ring.fits(24)).toBe(false);
    expect(ring.append(rec(3, 24))).toBeUndefined();
    same(ring, first, 1, 24);
    same(ring, second, 2, 24);
    ring.release(first);
    expect(ring.fits(24)).toBe(true);
    same(ring, ring.append(rec(3, 24))!, 3, 24);
  });

  it('wraps around: a record that would cross the end starts at the beginning, offsets keep growing', () => {
    const ring = createByteRing({ initialBytes: 100, maxBytes: 100 });
    const live: { offset: number; n: number; length: number }[] = [];
    let last = -1;
    // 300 appends of varying sizes through a 100-byte ring, releasing the oldest whenever it is full.
    for (let n = 0; n < 300; n++) {
      const length = 5 + ((n * 7) % 23);
      while (!ring.fits(length)) ring.release(live.shift()!.offset);
      const offset = ring.append(rec(n, length))!;
      expect(offset).toBeGreaterThan(last);
      last = offset;
      live.push({ offset, n, length });
      for (const r of live) same(ring, r.offset, r.n, r.length);
      expect(ring.used).toBeLessThanOrEqual(ring.capacity);
    }
    // Far more than the capacity went through: the ring wrapped many times, and only live offsets read.
    expect(last).toBeGreaterThan(20 * ring.capacity);
    expect(ring.capacity).toBe(100);
  });

  it('grows by an eighth (at least its first size) up to its largest, keeping every offset valid across the copy', () => {
    const ring = createByteRing({ initialBytes: 32, maxBytes: 1000 });
    expect(ring.capacity).toBe(32);
    const live: { offset: number; n: number }[] = [];
    // Release a few first so the live records sit wrapped in the buffer when it grows.
    for (let n = 0; n < 3; n++) live.push({ offset: ring.append(rec(n, 6))!, n });
    ring.release(live.shift()!.offset);
    const sizes: number[] = [];
    for (let n = 3; ring.fits(6); n++) {
      live.push({ offset: ring.append(rec(n, 6))!, n });
      if (sizes.at(-1) !== ring.capacity) sizes.push(ring.capacity);
      for (const r of live) same(ring, r.offset, r.n, 6);
    }
    expect(sizes.slice(0, 4)).toEqual([32, 64, 96, 128]);
    expect(sizes.at(-1)).toBe(1000);
    // Each step adds an eighth once that is more than the first size: a ring just grown holds at most an eighth more than it needed.
    for (let i = 1; i < sizes.length - 1; i++) expect(sizes[i]).toBe(sizes[i - 1]! + Math.max(32, sizes[i - 1]! >> 3));
    expect(sizes.length).toBeGreaterThan(10);
    expect(ring.used).toBeGreaterThan(1000 - (RECORD_HEADER_BYTES + 6));
  });

  it('halves when a quarter used, so a burst does not keep its memory, offsets still valid', () => {
    const ring = createByteRing({ initialBytes: 64, maxBytes: 4096 });
    const offsets = Array.from({ length: 100 }, (_, n) => ring.append(rec(n, 28))!);
    const burst = ring.capacity;
    expect(burst).toBeGreaterThanOrEqual(100 * 32);
    ring.release(offsets[89]!);
    expect(ring.capacity).toBe(burst >> 1);
    expect(ring.capacity).toBeGreaterThanOrEqual(ring.used);
    for (let n = 90; n < 100; n++) same(ring, offsets[n]!, n, 28);
    for (let n = 90; n < 100; n++) ring.release(offsets[n]!);
    expect(ring.capacity).toBe(64);
    expect(ring.used).toBe(0);
  });

  it('refuses a record longer than the ring at its largest, and takes it once it is not', () => {
    const ring = createByteRing({ initialBytes: 16, maxBytes: 64 });
    const kept = ring.append(rec(1, 10))!;
    expect(ring.holds(64 - RECORD_HEADER_BYTES)).toBe(true);
    expect(ring.holds(64 - RECORD_HEADER_BYTES + 1)).toBe(false);
    expect(ring.fits(61)).toBe(false);
    expect(ring.append(rec(2, 61))).toBeUndefined();
    expect(ring.append(rec(2, 40), rec(2, 21))).toBeUndefined();
    // Nothing moved: no growth for a refused record, and what was there still reads.
    expect(ring.capacity).toBe(16);
    same(ring, kept, 1, 10);
    ring.release(kept);
    same(ring, ring.append(rec(3, 60))!, 3, 60);
    expect(ring.capacity).toBe(64);
  });

  it('reads undefined for an offset never handed out or released long ago and overwritten', () => {
    const ring = createByteRing({ initialBytes: 64, maxBytes: 64 });
    expect(ring.read(0)).toBeUndefined();
    const old = ring.append(rec(1, 20))!;
    ring.release(old);
    for (let n = 2; n < 10; n++) {
      const o = ring.append(rec(n, 20))!;
      expect(ring.read(old)).toBeUndefined();
      ring.release(o);
    }
    expect(ring.read(1e9)).toBeUndefined();
  });

  it('costs its capacity: used never exceeds it, and it starts small', () => {
    const ring = createByteRing({ initialBytes: 4096, maxBytes: 1 << 20 });
    expect(ring.capacity).toBe(4096);
    ring.append(rec(1, 100));
    expect(ring.capacity).toBe(4096);
    expect(ring.used).toBe(RECORD_HEADER_BYTES + 100);
  });
});
