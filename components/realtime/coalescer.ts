/**
 * Buffers pushes keyed by string and hands them over at most once per
 * interval. The server already aggregates on a fixed beat, but a burst (a
 * reconnect replaying rooms, a slow tab catching up) must not turn into one
 * React render per message: writes land in this buffer and are flushed together.
 */
export interface Coalescer<T> {
  push(key: string, value: T): void;
  /** Flush now (e.g. in tests or before teardown). */
  flushNow(): void;
  dispose(): void;
}

export interface CoalescerOptions<T> {
  /** Minimum time between two flushes, ms. */
  intervalMs: number;
  /** Combine a pending value with a newer one for the same key; default: newer wins. */
  merge?: (pending: T, next: T) => T;
  flush: (batch: Map<string, T>) => void;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

export function createCoalescer<T>(options: CoalescerOptions<T>): Coalescer<T> {
  const { intervalMs, merge = (_p: T, n: T) => n, flush } = options;
  const now = options.now ?? Date.now;
  const setTimer = options.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = options.clearTimer ?? ((h: unknown) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let pending = new Map<string, T>();
  let timer: unknown = null;
  // Far in the past, so the first push after a quiet period flushes at once.
  let lastFlush = -Infinity;
  let disposed = false;

  function run(): void {
    timer = null;
    if (disposed || pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    lastFlush = now();
    flush(batch);
  }

  return {
    push(key, value) {
      if (disposed) return;
      const prev = pending.get(key);
      pending.set(key, prev === undefined ? value : merge(prev, value));
      if (timer !== null) return;
      const wait = Math.max(0, lastFlush + intervalMs - now());
      timer = setTimer(run, wait);
    },
    flushNow() {
      if (timer !== null) clearTimer(timer);
      run();
    },
    dispose() {
      disposed = true;
      if (timer !== null) clearTimer(timer);
      timer = null;
      pending.clear();
    },
  };
}
