import { describe, expect, it } from 'vitest';
import { createLoginThrottle, DEFAULT_THROTTLE, throttleKey, type LoginGate } from './login-throttle';

const IP = '10.0.0.1';
const ticketOf = (g: LoginGate) => {
  if (!g.allowed) throw new Error(`refused: ${g.reason}`);
  return g.ticket;
};
/** One whole wrong attempt, answered: the delay it got. */
const wrong = (th: ReturnType<typeof createLoginThrottle>, key: string, ip = IP) => {
  const t = ticketOf(th.begin(key, ip));
  const delay = t.failed();
  t.release();
  return delay;
};

describe('login throttle', () => {
  it('delays more each failure, locks after maxFailures until the window ends, resets on success', () => {
    let t = 0;
    const th = createLoginThrottle({ ...DEFAULT_THROTTLE, maxFailures: 3, windowMs: 1000, now: () => t });
    const k = throttleKey(' Alice ', IP);
    expect(k).toBe(throttleKey('alice', IP));
    expect([wrong(th, k), wrong(th, k)]).toEqual([250, 500]);
    wrong(th, k);
    t = 400;
    expect(th.begin(k, IP)).toEqual({ allowed: false, reason: 'locked', retryAfterMs: 600 });
    expect(th.begin(throttleKey('alice', '10.0.0.2'), '10.0.0.2').allowed).toBe(true);
    t = 1000;
    const ok = ticketOf(th.begin(k, IP));
    ok.succeeded();
    ok.release();
    expect(th.begin(k, IP).allowed).toBe(true);
  });

  it('counts an attempt before its password is checked: parallel guesses cannot pass the lock (issue #17.3)', () => {
    const th = createLoginThrottle({
      ...DEFAULT_THROTTLE,
      maxInFlightPerKey: 100,
      maxInFlightPerIp: 100,
      now: () => 0,
    });
    const k = throttleKey('olga', IP);
    // 60 requests arrive before any is answered: only maxFailures are admitted to the password check.
    const gates = Array.from({ length: 60 }, () => th.begin(k, IP));
    expect(gates.filter((g) => g.allowed)).toHaveLength(DEFAULT_THROTTLE.maxFailures);
    expect(gates.filter((g) => !g.allowed && g.reason === 'locked')).toHaveLength(55);
  });

  it('holds one attempt in flight per username+address and a few per address until answered', () => {
    const th = createLoginThrottle({ ...DEFAULT_THROTTLE, now: () => 0 });
    const first = ticketOf(th.begin(throttleKey('olga', IP), IP));
    expect(th.begin(throttleKey('olga', IP), IP)).toMatchObject({ allowed: false, reason: 'busy' });
    for (const u of ['a', 'b', 'c']) expect(th.begin(throttleKey(u, IP), IP).allowed).toBe(true);
    expect(th.begin(throttleKey('d', IP), IP)).toMatchObject({ allowed: false, reason: 'busy' });
    expect(th.begin(throttleKey('olga', '10.0.0.2'), '10.0.0.2').allowed).toBe(true);
    first.failed();
    first.release();
    first.release(); // a second release frees nothing more
    expect(th.inFlight).toBe(4);
    expect(th.begin(throttleKey('olga', IP), IP).allowed).toBe(true);
  });

  it('a success undoes its own count, and the right password among wrong ones waits its turn', () => {
    const th = createLoginThrottle({ ...DEFAULT_THROTTLE, now: () => 0 });
    const k = throttleKey('olga', IP);
    for (let i = 0; i < 3; i++) wrong(th, k);
    const right = ticketOf(th.begin(k, IP));
    expect(th.begin(k, IP)).toMatchObject({ allowed: false, reason: 'busy' });
    right.succeeded();
    right.release();
    expect(th.size).toBe(0);
  });

  it('caps the delay and the keys, and never pushes a locked key out early', () => {
    const th = createLoginThrottle({ ...DEFAULT_THROTTLE, maxKeys: 3, maxFailures: 2, now: () => 0 });
    wrong(th, 'locked');
    expect(wrong(th, 'locked')).toBe(500);
    expect(th.begin('locked', IP)).toMatchObject({ allowed: false, reason: 'locked' });
    // The attacker fails on many other names to push their locked key out: it stays.
    for (let i = 0; i < 50; i++) wrong(th, `name${i}`);
    expect(th.size).toBe(3);
    expect(th.begin('locked', IP)).toMatchObject({ allowed: false, reason: 'locked' });
    const slow = createLoginThrottle({ ...DEFAULT_THROTTLE, maxFailures: 100, now: () => 0 });
    for (let i = 0; i < 10; i++) wrong(slow, 'a');
    expect(wrong(slow, 'a')).toBe(DEFAULT_THROTTLE.maxDelayMs);
  });

  it('refuses a new key while every tracked key is locked, until one expires', () => {
    let t = 0;
    const th = createLoginThrottle({ ...DEFAULT_THROTTLE, maxKeys: 2, maxFailures: 1, windowMs: 1000, now: () => t });
    wrong(th, 'a');
    t = 100;
    wrong(th, 'b');
    expect(th.begin('c', IP)).toEqual({ allowed: false, reason: 'busy', retryAfterMs: 1000 });
    t = 1000;
    expect(th.begin('c', IP).allowed).toBe(true);
  });
});
