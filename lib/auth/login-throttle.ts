/**
 * Slows password guessing (issue #17.3). Every attempt is counted per key
 * (username + client address) BEFORE its password is checked, and the count
 * is undone only by a success, so parallel guesses cannot all slip past the
 * "locked?" test while the first ones are still hashing. Each failure is
 * answered after a delay that doubles with the count; past `maxFailures`
 * inside the window the key is locked until the window ends, without even
 * checking the password (so scrypt's CPU cost cannot be farmed either).
 *
 * Attempts in flight are capped per key and per client address, and held
 * until the answer (delay included) is sent: a second guess on the same key
 * waits for the first one's answer or is refused with 429.
 *
 * Bounded: at most `maxKeys` keys. To make room, expired keys go first, then
 * the stalest keys that are neither locked nor in flight; a locked key is never
 * pushed out early (an attacker could otherwise reset their own count by
 * failing on many other names). When every key is locked or busy a new key is
 * refused until one expires. The in-flight counters hold only requests being
 * answered, so they are bounded by the server's connection cap.
 */

export type LoginThrottleOptions = {
  maxKeys: number;
  maxFailures: number;
  windowMs: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Sign-ins being checked at once for one username + address: one, so guesses cannot run in parallel. */
  maxInFlightPerKey: number;
  /** Sign-ins being checked at once from one address, any usernames. */
  maxInFlightPerIp: number;
  now: () => number;
};

type Entry = { failures: number; firstAt: number };

export const DEFAULT_THROTTLE: Omit<LoginThrottleOptions, 'now'> = {
  maxKeys: 10_000,
  maxFailures: 5,
  windowMs: 15 * 60_000,
  baseDelayMs: 250,
  maxDelayMs: 4_000,
  maxInFlightPerKey: 1,
  maxInFlightPerIp: 4,
};

/** How long a caller refused for being busy is told to wait: about one answer's time. */
const BUSY_RETRY_MS = 1_000;

export function throttleKey(username: string, ip: string): string {
  return `${username.trim().toLowerCase()}\u0000${ip}`;
}

/** One admitted attempt: already counted as a failure; say how it went, then release it once answered. */
export type LoginTicket = {
  /** The password was wrong: how long to hold the answer back (the attempt stays in flight meanwhile). */
  failed(): number;
  /** The password was right: the key's count is cleared. */
  succeeded(): void;
  /** The answer is out: frees the in-flight slots. Call exactly once, after failed() or succeeded(). */
  release(): void;
};

export type LoginGate =
  { allowed: true; ticket: LoginTicket } | { allowed: false; reason: 'locked' | 'busy'; retryAfterMs: number };

export function createLoginThrottle(options: LoginThrottleOptions) {
  const entries = new Map<string, Entry>();
  const inFlightKey = new Map<string, number>();
  const inFlightIp = new Map<string, number>();

  const expired = (e: Entry, now: number) => now - e.firstAt >= options.windowMs;
  const locked = (e: Entry, now: number) => !expired(e, now) && e.failures >= options.maxFailures;

  const live = (key: string, now: number): Entry | undefined => {
    const e = entries.get(key);
    if (e && expired(e, now)) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };

  const bump = (m: Map<string, number>, k: string, by: number) => {
    const n = (m.get(k) ?? 0) + by;
    if (n <= 0) m.delete(k);
    else m.set(k, n);
  };

  /** Room for one more key; false when every key is locked or in flight. */
  function makeRoom(now: number): boolean {
    if (entries.size < options.maxKeys) return true;
    for (const [k, e] of entries) if (expired(e, now)) entries.delete(k);
    // Map order is insertion order, and a key is re-inserted on each failure: the stalest come first.
    for (const [k, e] of entries) {
      if (entries.size < options.maxKeys) break;
      if (!locked(e, now) && !inFlightKey.has(k)) entries.delete(k);
    }
    return entries.size < options.maxKeys;
  }

  /** The soonest a locked key of the full table expires: when a refused newcomer may try again. */
  const soonestExpiry = (now: number) => {
    let soonest = options.windowMs;
    for (const e of entries.values()) soonest = Math.min(soonest, e.firstAt + options.windowMs - now);
    return Math.max(BUSY_RETRY_MS, soonest);
  };

  return {
    /** Admits one attempt (counted as a failure until it succeeds), or says why not and for how long. */
    begin(key: string, ip: string): LoginGate {
      const now = options.now();
      const e = live(key, now);
      if (e && locked(e, now))
        return { allowed: false, reason: 'locked', retryAfterMs: e.firstAt + options.windowMs - now };
      if (
        (inFlightKey.get(key) ?? 0) >= options.maxInFlightPerKey ||
        (inFlightIp.get(ip) ?? 0) >= options.maxInFlightPerIp
      )
        return { allowed: false, reason: 'busy', retryAfterMs: BUSY_RETRY_MS };
      let entry = e;
      if (!entry) {
        if (!makeRoom(now)) return { allowed: false, reason: 'busy', retryAfterMs: soonestExpiry(now) };
        entry = { failures: 0, firstAt: now };
      }
      entry.failures += 1;
      entries.delete(key);
      entries.set(key, entry);
      bump(inFlightKey, key, 1);
      bump(inFlightIp, ip, 1);
      const counted = entry;
      let released = false;
      return {
        allowed: true,
        ticket: {
          failed: () => Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (counted.failures - 1)),
          succeeded: () => {
            if (entries.get(key) === counted) entries.delete(key);
          },
          release: () => {
            if (released) return;
            released = true;
            bump(inFlightKey, key, -1);
            bump(inFlightIp, ip, -1);
          },
        },
      };
    },

    /** Keys tracked (failures counted). */
    get size() {
      return entries.size;
    },
    /** Attempts being answered now. */
    get inFlight() {
      let n = 0;
      for (const v of inFlightIp.values()) n += v;
      return n;
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
