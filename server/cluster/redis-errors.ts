import { safeErrorText } from '@/lib/redact';

/** Anything with ioredis's 'error' event: a client or one of its duplicates. */
export interface ErrorEmitter {
  on(event: 'error', listener: (err: unknown) => void): unknown;
}

/**
 * Logs a Redis connection's errors, redacted and at most once per `everyMs`.
 * Without a listener ioredis prints "Unhandled error event" with the full error on every
 * reconnect attempt while Redis is down (several a second), which floods the log and can
 * carry the URL's password; the figures that depend on Redis already say they are stale.
 */
export function reportRedisErrors<C extends ErrorEmitter>(
  client: C,
  label: string,
  log: (line: string) => void = (line) => console.warn(line),
  everyMs = 30_000,
  now: () => number = Date.now,
): C {
  let lastAt = -Infinity;
  let suppressed = 0;
  client.on('error', (err) => {
    const at = now();
    if (at - lastAt < everyMs) {
      suppressed += 1;
      return;
    }
    const more = suppressed > 0 ? ` (${suppressed} more since the last report)` : '';
    log(`cdcscope: cluster: Redis (${label}): ${safeErrorText(err)}${more}`);
    lastAt = at;
    suppressed = 0;
  });
  return client;
}
