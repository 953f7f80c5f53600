import { safeErrorText } from '../../lib/redact';
import { SeekInputError } from '../brokers/seek-reader';
import type { StreamReply } from '../http/route';
import { createLineWriter, type LineWriter } from './line-writer';
import type { SeekTracker } from './seek-tracker';

/** What a broker read's body gets: where to write lines, when to stop, and how to say which read holds the slot. */
export interface BrokerReadContext {
  write: LineWriter;
  /** Aborts when the client goes away or at shutdown (through the tracker). */
  signal: AbortSignal;
  /** Names the broker read: the seek slot and the tracker entry are held until it settles. Returns it unchanged. */
  hold: <T>(reading: Promise<T>) => Promise<T>;
}

export interface BrokerReadStreamOptions {
  /** The `seek.concurrent` slot taken before answering (SeekGate.tryAcquire). */
  release: () => void;
  /** Lets shutdown cancel the read and wait for its clean-up. */
  tracker: SeekTracker | undefined;
  /** Prefix of the error line for an unexpected failure: `seek failed`, `history failed`. */
  failure: string;
  /** Writes the answer; what it resolves to is not used. */
  run: (ctx: BrokerReadContext) => Promise<unknown>;
}

/**
 * The NDJSON answer of a read from a broker (`GET /api/seek`, a row's
 * history): lines written with backpressure, a failure ending the stream with
 * one readable line (a SeekInputError's message as is, anything else with
 * credentials redacted), and the seek slot released only once the broker read
 * has really ended, even when the answer went out before it (#17.5): a
 * client that goes away must not free a slot a consumer still holds.
 */
export function brokerReadStream(opts: BrokerReadStreamOptions): StreamReply {
  return {
    status: 200,
    stream: async (res, clientSignal) => {
      const tracked = opts.tracker?.track(clientSignal);
      const signal = tracked?.signal ?? clientSignal;
      const write = createLineWriter(res, signal);
      let reading: Promise<unknown> = Promise.resolve();
      try {
        await opts.run({ write, signal, hold: (p) => ((reading = p), p) });
      } catch (err) {
        await write({
          type: 'error',
          error: err instanceof SeekInputError ? err.message : `${opts.failure}: ${safeErrorText(err)}`,
        });
      } finally {
        void reading
          .catch(() => undefined)
          .finally(() => {
            opts.release();
            tracked?.finished();
          });
      }
    },
  };
}
