import { describe, expect, it } from 'vitest';
import {
  COARSE_AFTER_SAMPLES,
  createResolutionDetector,
  describeResolution,
  MICROSECOND,
  MILLISECOND,
  SECOND,
  stepOf,
} from './clock-resolution';

const T = 1_796_582_909_000; // a whole second

describe('stepOf', () => {
  it('reads the finest field: µs when present, else ms', () => {
    expect(stepOf(T, undefined)).toBe(SECOND);
    expect(stepOf(T + 350, undefined)).toBe(MILLISECOND);
    expect(stepOf(T, T * 1_000)).toBe(SECOND);
    expect(stepOf(T + 350, (T + 350) * 1_000)).toBe(MILLISECOND);
    expect(stepOf(T + 350, (T + 350) * 1_000 + 17)).toBe(MICROSECOND);
    // A µs clock that lands on a whole ms is still finer than a whole second.
    expect(stepOf(T, T * 1_000 + 5)).toBe(MICROSECOND);
  });
});

describe('resolution detector', () => {
  it('is unknown until enough whole-second commits in a row, then whole seconds', () => {
    const d = createResolutionDetector();
    for (let i = 0; i < COARSE_AFTER_SAMPLES - 1; i++) d.observe(T + i * 1_000, undefined);
    expect(d.resolutionMs()).toBeNull();
    d.observe(T + 60_000, undefined);
    expect(d.resolutionMs()).toBe(SECOND);
  });

  it('says milliseconds at the first commit with a sub-second part, and stays there through chance whole seconds', () => {
    const d = createResolutionDetector();
    d.observe(T + 350, undefined);
    expect(d.resolutionMs()).toBe(MILLISECOND);
    for (let i = 0; i < 3; i++) d.observe(T + i * 1_000, undefined);
    expect(d.resolutionMs()).toBe(MILLISECOND);
  });

  it('flips back to fine at once, and to coarse only after a full run of whole seconds', () => {
    const d = createResolutionDetector();
    for (let i = 0; i < COARSE_AFTER_SAMPLES; i++) d.observe(T + i * 1_000, undefined);
    expect(d.resolutionMs()).toBe(SECOND);
    d.observe(T + 20_123, (T + 20_123) * 1_000 + 456);
    expect(d.resolutionMs()).toBe(MICROSECOND);
    for (let i = 0; i < COARSE_AFTER_SAMPLES - 1; i++) d.observe(T + 30_000 + i * 1_000, undefined);
    expect(d.resolutionMs()).toBe(MICROSECOND);
    d.observe(T + 90_000, undefined);
    expect(d.resolutionMs()).toBe(SECOND);
  });

  it('keeps the finest step seen since the last flip', () => {
    const d = createResolutionDetector();
    d.observe(T + 1, (T + 1) * 1_000 + 1);
    d.observe(T + 2, undefined);
    expect(d.resolutionMs()).toBe(MICROSECOND);
  });
});

describe('describeResolution', () => {
  it('labels a whole-second clock with its connector', () => {
    expect(describeResolution(SECOND, 'mariadb')).toEqual({
      resolutionMs: 1000,
      note: '±1 s: MariaDB binlog time is whole seconds',
    });
    expect(describeResolution(SECOND, 'mysql').note).toBe('±1 s: MySQL binlog time is whole seconds');
    expect(describeResolution(SECOND, undefined).note).toBe('±1 s: The source commit time is whole seconds');
  });

  it('adds no label to a fine or unknown clock', () => {
    expect(describeResolution(MILLISECOND, 'postgresql')).toEqual({ resolutionMs: 1 });
    expect(describeResolution(null, 'mariadb')).toEqual({ resolutionMs: null });
  });
});
