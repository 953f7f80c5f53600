import type { CommitObservation } from '../contracts/consumer-lag';
import { BURROW_WINDOW } from './burrow-rules';

/**
 * The last N commits of one partition, as Burrow's storage keeps them: a
 * commit older than the newest is dropped (out of order), and one closer
 * than `minDistanceMs` to the newest replaces it (Burrow's `min-distance`,
 * default 1 s), so a consumer committing every few milliseconds does not
 * shrink the window to a fraction of a second.
 */
export interface CommitWindow {
  add(observation: CommitObservation): void;
  /** Oldest first; a copy. */
  observations(): CommitObservation[];
  last(): CommitObservation | undefined;
  readonly size: number;
  readonly capacity: number;
}

export const DEFAULT_MIN_DISTANCE_MS = 1_000;

export function createCommitWindow(capacity = BURROW_WINDOW, minDistanceMs = DEFAULT_MIN_DISTANCE_MS): CommitWindow {
  const cap = Math.max(1, Math.floor(capacity));
  const items: CommitObservation[] = [];
  return {
    add(o) {
      const last = items[items.length - 1];
      if (last !== undefined) {
        if (o.at < last.at) return;
        if (o.at - last.at < minDistanceMs) {
          items[items.length - 1] = { ...o };
          return;
        }
      }
      items.push({ ...o });
      if (items.length > cap) items.shift();
    },
    observations: () => items.map((o) => ({ ...o })),
    last: () => items[items.length - 1],
    get size() {
      return items.length;
    },
    capacity: cap,
  };
}
