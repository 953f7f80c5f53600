import '../server-only';

/**
 * Caps on what one client can hold open through Socket.IO (issue #17.7):
 * 2,000 sockets on one token were all accepted (health checks took 6–13 s
 * while they subscribed) and one socket joined 100,000 made-up table rooms,
 * each walked on every 250 ms beat.
 */

/** Sockets one user or token holds at once (one per open tab); with auth off, per client address. */
export const MAX_SOCKETS_PER_PRINCIPAL = 30;
/** With auth off every client is anonymous: the cap is per address, and a browser on the same machine shares it. */
export const MAX_SOCKETS_PER_ADDRESS = 100;
/**
 * Rooms one socket may be in (its own id room aside): a page needs a handful
 * (overview, lag, replicas, a table, a pair), so 16 leaves room for many
 * components without letting one socket make the beat walk thousands.
 */
export const MAX_ROOMS_PER_SOCKET = 16;

/** Counts open sockets per key; `acquire` refuses past the key's cap, `release` gives the slot back. */
export function createSocketCounter() {
  const open = new Map<string, number>();
  return {
    acquire(key: string, max: number): boolean {
      const n = open.get(key) ?? 0;
      if (n >= max) return false;
      open.set(key, n + 1);
      return true;
    },
    release(key: string): void {
      const n = (open.get(key) ?? 0) - 1;
      if (n <= 0) open.delete(key);
      else open.set(key, n);
    },
    /** Keys with a socket open: bounded by the connections the server accepts. */
    get size() {
      return open.size;
    },
  };
}
