import { describe, expect, it } from 'vitest';
import { createReplayIdSet } from './replay-id-set';

// Every operation hashes with SHA-256, so these tests use as few ids as prove the point: they are
// correctness tests, and tens of thousands of hashes plus one expect() each took over 5 s on a busy machine.
/** Ids that take the table from 1,024 slots through five growths (it doubles past 3/4 full). */
const MANY = 20_000;
/** One id past the fifth growth's threshold (3/4 of 32,768 slots): the fullest bytes-per-id the table ever has. */
const JUST_GROWN = 24_577;

describe('replay id set', () => {
  it('knows every id it was given across many growths, and nothing else', () => {
    const set = createReplayIdSet();
    for (let i = 0; i < MANY; i++) set.markStarted(`id-${i}`);
    for (let i = 0; i < MANY; i += 2) set.markFinished(`id-${i}`);
    expect(set.size).toBe(MANY);
    // Collected, then asserted once.
    const wrong: string[] = [];
    for (let i = 0; i < MANY + 2_000; i++) {
      const want = i >= MANY ? 'absent' : i % 2 === 0 ? 'finished' : 'started';
      const got = set.state(`id-${i}`);
      if (got !== want) wrong.push(`id-${i}: ${got}, expected ${want}`);
    }
    expect(wrong).toEqual([]);
  });

  it('stays within 24 bytes per id, right after growing too', () => {
    const set = createReplayIdSet();
    for (let i = 0; i < JUST_GROWN; i++) set.markStarted(`0f8e1c2a-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(set.bytes).toBe(9 * 65_536);
    expect(set.bytes / set.size).toBeLessThanOrEqual(24);
  });

  it('does not count an id twice, and a finished id stays finished when marked started again', () => {
    const set = createReplayIdSet();
    set.markFinished('a');
    set.markStarted('a');
    expect(set.size).toBe(1);
    expect(set.state('a')).toBe('finished');
  });
});
