/**
 * Slows password guessing. Failures are counted per key (username + client
 * address); each failure is answered after a delay that doubles with the count,
 * and past `maxFailures` inside the window the key is locked out until the
 * window ends, without even checking the password (so scrypt's CPU cost cannot
 * be farmed either). Bounded: past `maxKeys` the stalest entries go first.
 */

export type LoginThrottleOptions = {
  maxKeys: number;
  maxFailures: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  now: () => number;
};

type Entry = { failures: number; firstAt: number };

export const DEFAULT_THROTTLE: Omit<LoginThrottleOptions, 'now'> = {
  maxKeys: 10_000,
  maxFailures: 5,
  windowMs: 15 * 60_000,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
};

export function throttleKey(username: string, ip: string): string {
  return `${username.trim().toLowerCase()}\u0000${ip}`;
}

export function createLoginThrottle(options: LoginThrottleOptions) {
  const entries = new Map<string, Entry>();

  const live = (key: string, now: number): Entry | undefined => {
    const e = entries.get(key);
    if (e && now - e.firstAt >= options.windowMs) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  return {
    /** Whether an attempt may be checked at all now; when locked, how long until it may. */
    check(key: string): { allowed: true } | { allowed: false; retryAfterMs: number } {
      const now = options.now();
      const e = live(key, now);
      if (!e || e.failures < options.maxFailures) return { allowed: true };
      return { allowed: false, retryAfterMs: e.firstAt + options.windowMs - now };
    },

    /** Records a failure; returns how long to hold the answer back. */
    fail(key: string): number {
      const now = options.now();
      const e = live(key, now) ?? { failures: 0, firstAt: now };
      e.failures += 1;
      entries.delete(key);
      if (entries.size >= options.maxKeys) {
        for (const k of entries.keys()) if (!live(k, now)) entries.delete(k);
        while (entries.size >= options.maxKeys) {
          const oldest = entries.keys().next().value;
          if (oldest === undefined) break;
          entries.delete(oldest);
        }
      }
      entries.set(key, e);
      return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (e.failures - 1));
    },

    /** A successful sign-in clears the key's count. */
    succeed(key: string): void {
      entries.delete(key);
    },

    get size() {
      return entries.size;
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
