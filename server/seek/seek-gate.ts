/**
 * The server-wide cap on seeks running at once (`seek.concurrent`): each one
 * holds broker connections and reads as fast as the broker answers, so a few
 * is plenty on a dashboard. Past the cap the route answers 429.
 */
export function createSeekGate(max: number) {
  let running = 0;
  return {
    /** A release function, or null when the cap is reached. Releasing twice is harmless. */
    tryAcquire(): (() => void) | null {
      if (running >= max) return null;
      running++;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        running--;
      };
    },
    get running(): number {
      return running;
    },
    max,
  };
}

export type SeekGate = ReturnType<typeof createSeekGate>;
