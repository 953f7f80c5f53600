import { safeErrorText } from '../../lib/redact';
/**
 * Runs `poll` every `everyMs`, never two at once (a slow broker must not
 * pile up requests), and keeps the last failure as a message to show: a
 * poller's error is a state of the dashboard, never a crash.
 */
export function createPollLoop(everyMs: number, poll: () => Promise<void>) {
  let error: { message: string; at: number } | null = null;
  let running = false;
  let closed = false;
  const run = async () => {
    if (running || closed) return;
    running = true;
    try {
      await poll();
      error = null;
    } catch (err) {
      error = { message: `consumer lag: ${safeErrorText(err)}`, at: Date.now() };
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), everyMs);
  void run();
  return {
    error: () => error,
    stop() {
      closed = true;
      clearInterval(timer);
    },
  };
}
