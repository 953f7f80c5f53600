import { describe, expect, it } from 'vitest';
import { createReplayIdSet } from './replay-id-set';

describe('replay id set', () => {
  it('knows every id it was given across many growths, and nothing else', () => {
    const set = createReplayIdSet();
    for (let i = 0; i < 50_000; i++) set.markStarted(`id-${i}`);
    for (let i = 0; i < 50_000; i += 2) set.markFinished(`id-${i}`);
    expect(set.size).toBe(50_000);
    for (let i = 0; i < 50_000; i++) expect(set.state(`id-${i}`)).toBe(i % 2 === 0 ? 'finished' : 'started');
    for (let i = 50_000; i < 60_000; i++) expect(set.state(`id-${i}`)).toBe('absent');
  });

  it('stays within 24 bytes per id', () => {
    const set = createReplayIdSet();
    for (let i = 0; i < 100_000; i++) set.markStarted(`0f8e1c2a-0000-4000-8000-${String(i).padStart(12, '0')}`);
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
