/**
 * Seeks running in this server, so shutdown can cancel them and wait for
 * their clean-up (a Kafka seek deletes its throwaway consumer group on the
 * way out; cut short by process exit, the group would be left behind).
 */
export function createSeekTracker() {
  const running = new Set<{ stop: AbortController; done: Promise<unknown> }>();
  return {
    /** A signal that aborts with `signal` or at shutdown; call `finished` once the seek has cleaned up. */
    track(signal: AbortSignal): { signal: AbortSignal; finished: () => void } {
      const stop = new AbortController();
      let finished!: () => void;
      const entry = { stop, done: new Promise<void>((r) => (finished = r)) };
      running.add(entry);
      return {
        signal: AbortSignal.any([signal, stop.signal]),
        finished: () => {
          running.delete(entry);
          finished();
        },
      };
    },
    /** Cancels every running seek and waits (at most `timeoutMs`) for them to clean up. */
    async drain(timeoutMs = 4_000): Promise<void> {
      const all = [...running];
      for (const e of all) e.stop.abort();
      await Promise.race([
        Promise.allSettled(all.map((e) => e.done)),
        new Promise((r) => setTimeout(r, timeoutMs).unref()),
      ]);
    },
    get size(): number {
      return running.size;
    },
  };
}

export type SeekTracker = ReturnType<typeof createSeekTracker>;
