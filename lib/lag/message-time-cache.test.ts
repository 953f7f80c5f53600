import { describe, expect, it } from 'vitest';
import { createMessageTimeCache } from './message-time-cache';

describe('message time cache', () => {
  it('keeps one timestamp per (topic, partition, offset), and drops the least recently used past its bound', () => {
    const c = createMessageTimeCache(2);
    c.set('t', 0, 300, 1_000);
    c.set('t', 1, 300, 2_000);
    expect(c.get('t', 0, 300)).toBe(1_000);
    expect(c.get('t', 0, 301)).toBeUndefined();
    c.set('u', 0, 300, 3_000);
    expect(c.size).toBe(2);
    // (t, 0, 300) was used last: (t, 1, 300) went.
    expect(c.get('t', 1, 300)).toBeUndefined();
    expect(c.get('t', 0, 300)).toBe(1_000);
    expect(c.get('u', 0, 300)).toBe(3_000);
  });
});
