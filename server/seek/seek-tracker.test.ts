import { describe, expect, it } from 'vitest';
import { createSeekTracker } from './seek-tracker';

describe('seek tracker', () => {
  it('aborts running seeks at drain and waits for their clean-up', async () => {
    const tracker = createSeekTracker();
    const client = new AbortController();
    const t = tracker.track(client.signal);
    let cleanedUp = false;
    t.signal.addEventListener('abort', () =>
      setTimeout(() => {
        cleanedUp = true;
        t.finished();
      }, 30),
    );
    expect(tracker.size).toBe(1);
    await tracker.drain();
    expect(cleanedUp).toBe(true);
    expect(tracker.size).toBe(0);
    expect(client.signal.aborted).toBe(false);
  });
  it('passes the client going away through, and gives up waiting after the timeout', async () => {
    const tracker = createSeekTracker();
    const client = new AbortController();
    const t = tracker.track(client.signal);
    client.abort();
    expect(t.signal.aborted).toBe(true);
    const started = Date.now();
    await tracker.drain(50);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
