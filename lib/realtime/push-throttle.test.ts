import { describe, expect, it } from 'vitest';
import { createPushThrottle } from './push-throttle';

describe('push throttle', () => {
  it('pushes a change at once after a quiet spell, at most once per gap while busy, never without a change', () => {
    const t = createPushThrottle(250);
    // A room seen for the first time is due: its first version is news to whoever joins it later.
    expect(t.take('table:a', 1, 1_000)).toBe(true);
    // Nothing moved: nothing to send, however long since.
    expect(t.take('table:a', 1, 5_000)).toBe(false);
    // A change 4 s after the last push goes out at once, not on a beat.
    expect(t.take('table:a', 2, 5_000)).toBe(true);
    // Changes inside the gap wait for it ...
    expect(t.take('table:a', 3, 5_100)).toBe(false);
    expect(t.take('table:a', 4, 5_249)).toBe(false);
    // ... and then go out as one push, of the newest version.
    expect(t.take('table:a', 4, 5_250)).toBe(true);
    expect(t.take('table:a', 4, 5_300)).toBe(false);
  });

  it('keeps rooms apart and forgets a room that is gone', () => {
    const t = createPushThrottle(250);
    expect(t.take('table:a', 1, 0)).toBe(true);
    expect(t.take('table:b', 1, 10)).toBe(true);
    expect(t.take('table:a', 2, 20)).toBe(false);
    expect(t.take('table:b', 2, 260)).toBe(true);
    expect(t.size).toBe(2);
    t.prune((room) => room !== 'table:a');
    expect(t.size).toBe(1);
    // Joined again later: due at once, as a new room.
    expect(t.take('table:a', 2, 30)).toBe(true);
  });
});
