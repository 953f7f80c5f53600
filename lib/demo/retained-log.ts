import type { RawMessage } from '../contracts/raw-message';

/**
 * The demo's stand-in for a broker's retention: the last messages the demo
 * generated, in position (`seq`) order, so a seek can read them by time or
 * position and an event link can be resolved after the event has left the
 * inspector's buffer. Bounded by count and by bytes; past either limit the
 * OLDEST messages are evicted first, as a broker's time/size retention drops
 * its oldest segments. Positions only grow (gaps are allowed: the generator
 * numbers messages it later drops), and times are kept non-decreasing, so both
 * are found by binary search.
 */
export interface RetainedLog {
  append(message: RawMessage): void;
  /** First and last positions kept; lastSeq 0 when empty. */
  range(): { firstSeq: number; lastSeq: number };
  /** The message at exactly this position, if still kept. */
  get(seq: number): RawMessage | undefined;
  /** The first kept message with a position above `seq` (whatever was evicted meanwhile). */
  after(seq: number): RawMessage | undefined;
  /** How many kept messages have a position above `seq`: what a reader there has still to read. */
  countAfter(seq: number): number;
  /** Position of the first kept message stored at or after `time` (epoch ms); undefined when none. */
  seqAtTime(time: number): number | undefined;
  readonly size: number;
  readonly bytes: number;
}

/** About 20 minutes of the demo at its default rate (~80 messages a second). */
export const DEMO_RETAINED_EVENTS = 100_000;
/** A byte cap besides the count, so large messages cannot multiply the log's memory. */
export const DEMO_RETAINED_BYTES = 128 * 1024 * 1024;
/** Rough cost of a message object besides its payload (origin, headers, typed-array headers). */
const OVERHEAD_BYTES = 200;

export function messageBytes(m: RawMessage): number {
  const topic = m.origin.kind === 'jetstream' ? m.origin.subject : m.origin.topic;
  return (m.key?.byteLength ?? 0) + (m.value?.byteLength ?? 0) + topic.length * 2 + OVERHEAD_BYTES;
}

interface Entry {
  seq: number;
  time: number;
  bytes: number;
  message: RawMessage;
}

export function createRetainedLog(
  limits: { maxEvents: number; maxBytes: number } = { maxEvents: DEMO_RETAINED_EVENTS, maxBytes: DEMO_RETAINED_BYTES },
): RetainedLog {
  // Kept in one array from `head` on; the evicted prefix is cut off in one go once it is half the array.
  let items: (Entry | undefined)[] = [];
  let head = 0;
  let bytes = 0;

  function evict() {
    while (items.length - head > limits.maxEvents || (bytes > limits.maxBytes && items.length - head > 1)) {
      bytes -= (items[head] as Entry).bytes;
      items[head++] = undefined; // collected now, not at the next compaction
    }
    if (head > 1024 && head * 2 > items.length) {
      items = items.slice(head);
      head = 0;
    }
  }

  const bySeq = (e: Entry) => e.seq;
  const byTime = (e: Entry) => e.time;

  /** Index of the first kept message whose key is >= `x`, or items.length. */
  function lowerBound(x: number, key: (e: Entry) => number): number {
    let lo = head;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (key(items[mid] as Entry) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  return {
    append(message) {
      if (message.origin.kind !== 'demo') return;
      const { seq, timestamp } = message.origin;
      const last = items.length > head ? items[items.length - 1] : undefined;
      // A smaller position would break the binary search (a broker never hands one out later either): refused.
      if (last && seq <= last.seq) return;
      // A clock stepping back must not either: searched by time, such a message counts as stored with the one before.
      const time = last ? Math.max(timestamp, last.time) : timestamp;
      const entry = { seq, time, bytes: messageBytes(message), message };
      items.push(entry);
      bytes += entry.bytes;
      evict();
    },
    range() {
      const first = items[head];
      const last = items[items.length - 1];
      return first && last ? { firstSeq: first.seq, lastSeq: last.seq } : { firstSeq: 0, lastSeq: 0 };
    },
    get(seq) {
      const e = items[lowerBound(seq, bySeq)];
      return e?.seq === seq ? e.message : undefined;
    },
    after(seq) {
      return items[lowerBound(seq + 1, bySeq)]?.message;
    },
    countAfter(seq) {
      return items.length - lowerBound(seq + 1, bySeq);
    },
    seqAtTime(time) {
      return items[lowerBound(time, byTime)]?.seq;
    },
    get size() {
      return items.length - head;
    },
    get bytes() {
      return bytes;
    },
  };
}
