import { describe, expect, it } from 'vitest';
import { createCoalescer } from './coalescer';

function fakeClock() {
  let t = 1000;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => t,
    setTimer: (fn: () => void, ms: number) => {
      const h = { at: t + ms, fn };
      timers.push(h);
      return h;
    },
    clearTimer: (h: unknown) => {
      const i = timers.indexOf(h as (typeof timers)[number]);
      if (i >= 0) timers.splice(i, 1);
    },
    advance(ms: number) {
      t += ms;
      for (const h of timers.filter((x) => x.at <= t)) {
        timers.splice(timers.indexOf(h), 1);
        h.fn();
      }
    },
  };
}

describe('createCoalescer', () => {
  it('flushes the first push at once, then at most once per interval, newest value winning', () => {
    const clock = fakeClock();
    const flushes: [string, number][][] = [];
    const c = createCoalescer<number>({ intervalMs: 250, flush: (b) => flushes.push([...b]), ...clock });
    c.push('a', 1);
    clock.advance(0);
    expect(flushes).toEqual([[['a', 1]]]);
    for (let i = 2; i <= 10; i++) {
      c.push('a', i);
      c.push('b', i * 10);
      clock.advance(20);
    }
    // 180 ms after the first flush: nothing yet.
    expect(flushes).toHaveLength(1);
    clock.advance(100);
    expect(flushes).toHaveLength(2);
    expect(flushes[1]).toEqual([
      ['a', 10],
      ['b', 100],
    ]);
  });

  it('merges pending values with the given reducer', () => {
    const clock = fakeClock();
    const out: number[][] = [];
    const c = createCoalescer<number[]>({
      intervalMs: 250,
      merge: (a, b) => a.concat(b),
      flush: (b) => out.push(b.get('k') ?? []),
      ...clock,
    });
    c.push('k', [1]);
    c.push('k', [2, 3]);
    clock.advance(0);
    expect(out).toEqual([[1, 2, 3]]);
    c.dispose();
    c.push('k', [4]);
    clock.advance(1000);
    expect(out).toHaveLength(1);
  });
});
