/**
 * What the demo's transactions look like beyond the everyday 2–4 rows
 * (issue 13 section 2): a large one (30–80 events) every minute, and every
 * 90 s one whose END announces an event that never arrives (it is dropped
 * on its way), so the transactions view has an incomplete one to flag. The
 * first of each comes 20 s and 40 s after the demo starts.
 */
export const LARGE_EVERY_MS = 60_000;
export const INCOMPLETE_EVERY_MS = 90_000;

export type SpecialTransaction = { kind: 'large'; size: number } | { kind: 'incomplete'; size: number };

export function createTransactionPlan(int: (min: number, max: number) => number) {
  let nextLarge: number | undefined;
  let nextIncomplete: number | undefined;
  return {
    /** The special transaction due at `now`, if any (one per call at most). */
    due(now: number): SpecialTransaction | undefined {
      nextLarge ??= now + 20_000;
      nextIncomplete ??= now + 40_000;
      if (now >= nextLarge) {
        nextLarge += LARGE_EVERY_MS;
        return { kind: 'large', size: int(30, 80) };
      }
      if (now >= nextIncomplete) {
        nextIncomplete += INCOMPLETE_EVERY_MS;
        return { kind: 'incomplete', size: int(3, 6) };
      }
      return undefined;
    },
  };
}
