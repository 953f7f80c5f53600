import { describe, expect, it } from 'vitest';
import { oldestEntry, oldestKey, setNewest, trimToSize } from './bounded-map';

describe('bounded-map', () => {
  it('FIFO: a plain set keeps an old key in place, so the first inserted is evicted first', () => {
    const m = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    m.set('a', 10);
    m.set('c', 3);
    const evicted: string[] = [];
    expect(trimToSize(m, 2, (k) => evicted.push(k))).toBe(1);
    expect(evicted).toEqual(['a']);
    expect([...m.keys()]).toEqual(['b', 'c']);
  });

  it('LRU: setNewest moves a used key to the newest end, so the least recently used is evicted', () => {
    const m = new Map([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
    setNewest(m, 'a', 10);
    setNewest(m, 'd', 4);
    expect(trimToSize(m, 2)).toBe(2);
    expect([...m]).toEqual([
      ['a', 10],
      ['d', 4],
    ]);
  });

  it('trims a Set in insertion order, and to nothing for a bound of 0 or less', () => {
    const s = new Set([3, 1, 2]);
    expect(trimToSize(s, 1)).toBe(2);
    expect([...s]).toEqual([2]);
    expect(trimToSize(s, -1)).toBe(1);
    expect(s.size).toBe(0);
    expect(trimToSize(s, 0)).toBe(0);
  });

  it('evicts a key that is itself undefined like any other', () => {
    const m = new Map<string | undefined, number>([
      [undefined, 0],
      ['x', 1],
    ]);
    expect(trimToSize(m, 1)).toBe(1);
    expect([...m.keys()]).toEqual(['x']);
  });

  it('names the oldest key and entry, undefined when empty', () => {
    const m = new Map<string, number>();
    expect(oldestKey(m)).toBeUndefined();
    expect(oldestEntry(m)).toBeUndefined();
    m.set('p', 1).set('q', 2);
    m.delete('p');
    expect(oldestKey(m)).toBe('q');
    expect(oldestEntry(m)).toEqual(['q', 2]);
    expect(oldestKey(new Set(['s', 't']))).toBe('s');
  });

  it('stays bounded under a long run of new keys', () => {
    const m = new Map<number, number>();
    for (let i = 0; i < 10_000; i++) {
      setNewest(m, i, i);
      trimToSize(m, 100);
    }
    expect(m.size).toBe(100);
    expect(oldestKey(m)).toBe(9_900);
  });
});
