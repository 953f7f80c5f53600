import { createRandom } from './random';

/**
 * Now and then a bulk statement (a price update over a whole table, a backfill)
 * changes many rows at once: far more messages than the demo source reads in
 * a tick, so cdcscope's own backlog (GET /api/sources `backlog`, the
 * overview's source card) is on screen for a few seconds, then drains.
 */
export interface BurstSchedule {
  /** Extra row changes due at `now` (0 but once per burst). */
  changesAt(now: number): number;
  /** When the next burst is due, epoch ms. */
  readonly nextAt: number;
}

/** The first burst: early enough to be seen in the demo's first minute. */
export const FIRST_BURST_MS = 30_000;
/** Between bursts: a burst every few minutes stays an event, not the weather. */
export const BURST_PERIOD_MS = 180_000;
/** Up to this much later than the period, from the seed. */
const BURST_JITTER_MS = 30_000;
/**
 * Row changes in one burst: about 9,000 messages (both replicas, tombstones),
 * six seconds of reading at the demo source's cap (DEMO_READ_PER_SECOND), and
 * generated in one tick in a few hundred milliseconds.
 */
export const BURST_CHANGES = 4_000;

export function createBurstSchedule(options: { seed: number; start: number }): BurstSchedule {
  const rnd = createRandom(options.seed ^ 0x0b0257);
  let next = options.start + FIRST_BURST_MS;
  return {
    changesAt(now) {
      if (now < next) return 0;
      next = now + BURST_PERIOD_MS + rnd.int(0, BURST_JITTER_MS);
      return BURST_CHANGES;
    },
    get nextAt() {
      return next;
    },
  };
}
