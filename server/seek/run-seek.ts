import {
  PROGRESS_INTERVAL_MS,
  type SeekDoneLine,
  type SeekDoneReason,
  type SeekEventLine,
  type SeekProgressLine,
  type SeekRequest,
} from '../../lib/contracts/seek';
import { positionOf, type RawMessage } from '../../lib/contracts/raw-message';
import type { DecodedRecord } from '../../lib/contracts/change-event';
import { decodeMessage } from '../../lib/debezium/decode-message';
import type { DecodeOptions } from '../../lib/debezium/decode-options';
import { createSeekMatcher, isListed, toSeekEvent } from '../../lib/seek/seek-event';
import { createProgressGate, doneLine, eventLine, progressLine, type SeekCounters } from '../../lib/seek/seek-lines';
import type { EventMasker, StoredEvent } from '../../lib/store/event-store-view';
import type { SeekReader } from '../brokers/seek-reader';

/** After a stop (time limit or a client gone), how long the reader gets to wind down before the seek answers without it. */
export const STOP_GRACE_MS = 2_000;

export interface RunSeekOptions<L = SeekEventLine> {
  request: SeekRequest;
  reader: SeekReader;
  masker: EventMasker;
  decode: DecodeOptions;
  /** Decodes a message whose schema is not cached yet, after fetching it (sources with a Schema Registry). */
  decodeAwaiting?: (raw: RawMessage) => Promise<DecodedRecord>;
  write: (line: L | SeekProgressLine | SeekDoneLine) => Promise<void>;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
  /**
   * Instead of the request's filter and the seek's event line: the line a
   * listed event is written as, or undefined when it does not match (row
   * history reads the same way and writes its own entries).
   */
  select?: (e: StoredEvent) => L | undefined;
}

/**
 * Drives one seek: decodes each message the reader hands over, filters it as
 * the inspector does, writes the matches, a progress line at most every
 * 250 ms, and a final `done` with why it stopped. Holds one message at a time.
 */
export async function runSeek<L = SeekEventLine>({
  request,
  reader,
  masker,
  decode,
  decodeAwaiting,
  write,
  signal,
  select,
}: RunSeekOptions<L>): Promise<SeekDoneReason> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const counters: SeekCounters = { scanned: 0, matched: 0, position: null, positionTime: null };
  const matches = createSeekMatcher(request.filter, masker);
  // Without `select`, L is the seek's own event line (the default type argument).
  const lineOf = select ?? ((e: StoredEvent) => (matches(e) ? (eventLine(e, masker) as L | undefined) : undefined));
  const progressDue = createProgressGate(PROGRESS_INTERVAL_MS, started);
  let reason: SeekDoneReason | undefined;

  // One signal for the reader: the client left, or the time limit passed.
  const stop = new AbortController();
  const onClientAbort = () => stop.abort();
  signal.addEventListener('abort', onClientAbort, { once: true });
  const timer = setTimeout(() => {
    reason ??= 'time-limit';
    stop.abort();
  }, request.maxMs);

  async function onMessage(raw: RawMessage, listed: boolean): Promise<boolean> {
    if (reason !== undefined || stop.signal.aborted) return false;
    counters.scanned++;
    counters.position = positionOf(raw.origin);
    counters.positionTime = raw.origin.timestamp;
    let record = listed ? decodeMessage(raw, decode) : undefined;
    if (record?.kind === 'undecodable' && record.needsSchema !== undefined && decodeAwaiting !== undefined)
      record = await decodeAwaiting(raw);
    if (record !== undefined && isListed(record)) {
      const line = lineOf(toSeekEvent(record, raw, false));
      if (line) {
        counters.matched++;
        await write(line);
        if (counters.matched >= request.limit) reason ??= 'limit';
      }
    }
    if (counters.scanned >= request.scan) reason ??= 'scan-limit';
    if (reason === undefined && progressDue(performance.now())) await write(progressLine(counters, elapsed()));
    return reason === undefined && !stop.signal.aborted;
  }

  // One overall deadline (issue #17.5): a reader stuck where the signal cannot reach (a Kafka admin still
  // connecting to a broker that is down) gets STOP_GRACE_MS after the stop, then the answer goes out anyway.
  // The reader still finishes on its own (finite retries); the caller holds its seek slot until then.
  let grace: NodeJS.Timeout | undefined;
  const startGrace = () => (grace = setTimeout(() => giveUp('stopped'), STOP_GRACE_MS));
  let giveUp: (r: 'stopped') => void = () => undefined;
  const givenUp = new Promise<'stopped'>((resolve) => (giveUp = resolve));
  stop.signal.addEventListener('abort', startGrace, { once: true });
  try {
    const reading = reader.read(onMessage, stop.signal);
    reading.catch(() => undefined); // after a give-up its failure has nobody to tell
    const result = await Promise.race([reading, givenUp]);
    reason ??= signal.aborted ? 'cancelled' : result === 'end' ? 'end' : 'cancelled';
  } finally {
    clearTimeout(timer);
    clearTimeout(grace);
    stop.signal.removeEventListener('abort', startGrace);
    signal.removeEventListener('abort', onClientAbort);
  }
  // A cancelled client is gone: the writer drops these, and the reason is still returned for the log.
  await write(progressLine(counters, elapsed()));
  await write(doneLine(reason, counters, elapsed()));
  return reason;
}
