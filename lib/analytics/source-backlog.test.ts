import { describe, expect, it } from 'vitest';
import { createBacklogMeter } from './source-backlog';

const T = 1_700_000_000_000;

describe('source backlog meter', () => {
  it('is zero when the source has read everything', () => {
    const m = createBacklogMeter();
    expect(m.measure([{ key: 'p0', unread: 0, lastReadAt: T - 60_000 }], { size: 0 }, T)).toEqual({
      messages: 0,
      seconds: 0,
      behind: false,
      at: T,
    });
  });

  it('dates queued messages by the oldest one, at once', () => {
    const m = createBacklogMeter();
    const b = m.measure([{ key: 'p0', unread: 0 }], { size: 500, oldestAt: T - 7_500 }, T);
    expect(b).toEqual({ messages: 500, seconds: 7.5, behind: true, at: T });
  });

  it('counts unread broker messages at once, and dates them from the second poll that still finds them', () => {
    const m = createBacklogMeter();
    // A partition quiet for a minute got one message just before the poll: not behind, whatever its last read says.
    expect(m.measure([{ key: 'p0', unread: 1, lastReadAt: T - 60_000 }], { size: 0 }, T)).toMatchObject({
      messages: 1,
      seconds: 0,
      behind: false,
    });
    // Read by the next poll: still caught up.
    expect(m.measure([{ key: 'p0', unread: 0, lastReadAt: T + 1 }], { size: 0 }, T + 2_000).seconds).toBe(0);
    // A reader that cannot keep up: unread at two polls in a row, dated by the last message it read, worst partition.
    m.measure(
      [
        { key: 'p0', unread: 900, lastReadAt: T - 30_000 },
        { key: 'p1', unread: 10, lastReadAt: T - 1_000 },
      ],
      { size: 0 },
      T + 4_000,
    );
    const b = m.measure(
      [
        { key: 'p0', unread: 800, lastReadAt: T - 29_000 },
        { key: 'p1', unread: 12, lastReadAt: T + 5_000 },
      ],
      { size: 100, oldestAt: T - 10_000 },
      T + 6_000,
    );
    expect(b).toEqual({ messages: 912, seconds: 35, behind: true, at: T + 6_000 });
  });
});
