import type { EventMasker } from './event-store-view';
import type { ReplicaSides } from './event-store-filter';
import type { RecordDecoder } from './stored-event';

/**
 * The event inspector's memory: whole decoded records (rows included) plus
 * their raw bytes, for row changes, tombstones and undecodable messages.
 * Bounded at every level; each limit and what it evicts:
 *
 * - `perTableCount` (default 500): events per table; past it the table's
 *   oldest event goes.
 * - `perTableBytes` (default 2 MiB): estimated bytes per table; past it the
 *   table's oldest events go, but a table always keeps its newest event, so
 *   one huge message is still inspectable (the global cap still holds).
 * - `globalBytes` (default 128 MiB): estimated bytes of all tables; past it
 *   the oldest events of the least recently WRITTEN table go first, table by
 *   table, so a busy table cannot push out a quiet table's last events
 *   before staler tables are gone.
 * - raw key and value are kept whole or cut at RAW_VALUE_MAX_BYTES (256 KiB);
 *   the broker's buffer is never retained.
 *
 * With a `decode` function (the pipeline passes its own), JSON changes and
 * tombstones are kept as their raw bytes only and decoded again when read
 * (stored-event.ts). The bytes go into one ring per table (byte-ring.ts),
 * which starts at RING_INITIAL_BYTES, grows by an eighth while full, up to
 * RING_SHARE of `perTableBytes`, and halves when a quarter used; once full at
 * its largest the table's oldest events go to make room. The table counts
 * the ring's whole capacity, used or not, and each such event counts its
 * headers + LAZY_ENTRY_OVERHEAD_BYTES (bench/inspector-memory.ts measures
 * the total against the real heap and buffers). A key and value longer than
 * the ring at its largest are kept whole, like the records below.
 *
 * Records kept whole (undecodable, Avro, or without `decode`) count decoded
 * rows (≈ `sizeBytes`, the message's key + value size; an undecodable keeps
 * only its preview) + the raw text (UTF-8 decoded, cut at RAW_VALUE_MAX_BYTES;
 * an Avro value as the JSON it decoded to) + ENTRY_OVERHEAD_BYTES: an
 * estimate, not a heap measurement, as JS objects for parsed rows can take
 * 2–3× their JSON size.
 *
 * Undecodable records without a table go under UNDECODABLE_KEY. The id is
 * toListItem's `<sourceId>:<channel>:<position>`; a second record with an id
 * already held (a broker re-delivery) is ignored, so ids stay unique.
 */
export interface EventStoreOptions {
  perTableCount?: number;
  perTableBytes?: number;
  globalBytes?: number;
  /** Events examined per query at most (default 50,000): a rare filter answers `truncated` instead of walking everything. */
  scanLimit?: number;
  /** The same for key, field and text filters, which mask and read rows (default 5,000). */
  heavyScanLimit?: number;
  /** Characters of JSON the text filter may build per query (default 16 M). */
  textBudgetChars?: number;
  masker?: EventMasker;
  /** Replica pairs' sides, for the `side` filter (a side of an unknown pair is an error). */
  replicaSides?: ReplicaSides;
  /** Distinguishes cursors of this store from a previous run's. Default: derived from the clock. */
  runId?: string;
  /**
   * Decodes a kept message again. When given, JSON changes and tombstones are
   * kept as their raw bytes only and decoded when read (see stored-event.ts);
   * without it the decoded record is kept whole.
   */
  decode?: RecordDecoder;
}

export const EVENT_STORE_DEFAULTS = {
  perTableCount: 500,
  perTableBytes: 2 * 1024 * 1024,
  globalBytes: 128 * 1024 * 1024,
  scanLimit: 50_000,
  heavyScanLimit: 5_000,
  textBudgetChars: 16_000_000,
} as const;

/** Objects of a decoded record (record, origin, source, position, headers), its StoredEvent, id string and Map entry. */
export const ENTRY_OVERHEAD_BYTES = 1024;

/**
 * Part of `perTableBytes` a table's ring may take at its largest: the rest is
 * for its events' heap (LAZY_ENTRY_OVERHEAD_BYTES + headers each: 500 events
 * ≈ 250 KiB of the default 2 MiB).
 */
export const RING_SHARE = 0.75;
/** A ring's first size: a table with a handful of events reserves a few KiB, not its share. */
export const RING_INITIAL_BYTES = 4096;
