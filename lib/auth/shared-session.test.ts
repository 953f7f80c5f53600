import { describe, expect, it } from 'vitest';
import { sharedTtlMs } from './shared-session';

describe('sharedTtlMs', () => {
  const idle = 30 * 60_000;
  const maxAge = 12 * 3_600_000;
  it('is the idle time while the maximum age is far', () => {
    expect(sharedTtlMs(1_000, 2_000, idle, maxAge)).toBe(idle);
  });
  it('never reaches past sign-in plus the maximum age, and is 0 after it', () => {
    expect(sharedTtlMs(0, maxAge - 5_000, idle, maxAge)).toBe(5_000);
    expect(sharedTtlMs(0, maxAge + 1, idle, maxAge)).toBe(0);
  });
});
