import type { RawMessage } from '../../lib/contracts/raw-message';

/**
 * One broker's side of a seek: reads from the planned start, one message at
 * a time, until the broker's end as of the start. `onMessage` is awaited
 * before the next message is handed over (that is the backpressure: a slow
 * browser slows the read, nothing piles up) and returns false to stop.
 * `listed` is false for a message read but outside the requested channel
 * (JetStream on NATS 2.9 filters on the client): it counts as scanned only.
 *
 * `read` resolves only after everything it opened (connections, consumers,
 * the throwaway group) is closed, whatever the exit: end, stop, abort, error.
 */
export interface SeekReader {
  read(
    onMessage: (raw: RawMessage, listed: boolean) => Promise<boolean>,
    signal: AbortSignal,
  ): Promise<'end' | 'stopped'>;
}

/**
 * Narrows a read (row history). Kafka: `partitionOf` is given the topic's
 * partition count once the read has it, and returns the one partition to
 * read (undefined: all). Kinds without partitions ignore it.
 */
export interface ReadScope {
  partitionOf?(partitions: number): number | undefined;
}

/** A request the broker cannot satisfy (no such partition, an offset on JetStream…): shown to the user as is. */
export class SeekInputError extends Error {
  override name = 'SeekInputError';
}

/** Settles when the signal aborts (never rejects). */
export function aborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
