import type { DecodedRecord } from '../contracts/change-event';
import type { EventDetail, EventFilter, EventPage } from '../contracts/inspector';
import type { Result } from '../result';
import { EVENT_PAGE_MAX_LIMIT } from '../contracts/inspector';
import { channelOf, positionOf, type RawMessage } from '../contracts/raw-message';
import { tableKeyOf } from '../debezium/table-identity';
import {
  buildPredicate,
  decodeCursor,
  encodeCursor,
  isHeavy,
  type QueryWork,
  type ReplicaSides,
} from './event-store-filter';
import { rawTexts } from './raw-text';
import {
  maskedListItem,
  NO_MASKING,
  toEventDetail,
  type EventMasker,
  type OutboxLinks,
  type StoredEvent,
} from './event-store-view';
import { outboxEventIdOf } from '../debezium/outbox-event';
import {
  headerBytes,
  keptRecordBytes,
  LAZY_ENTRY_OVERHEAD_BYTES,
  LazyStoredEvent,
  textBytes,
  type RecordDecoder,
} from './stored-event';
import { oldestEntry, trimToSize } from '../bounded-map';

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
 * - raw key and value are kept as text (the broker's buffer is not retained),
 *   cut at RAW_VALUE_MAX_BYTES (256 KiB).
 *
 * With a `decode` function (the pipeline passes its own), JSON changes and
 * tombstones are kept as their raw text only and decoded again when read
 * (stored-event.ts); their bytes = the raw text as the heap holds it (one or
 * two bytes per character) + headers + LAZY_ENTRY_OVERHEAD_BYTES, measured
 * within 10% above the real heap (bench/inspector-memory.ts). Records kept
 * whole (undecodable, Avro, or without `decode`) count decoded rows (≈
 * `sizeBytes`, the message's key + value size; an undecodable keeps only its
 * preview) + the raw copy + ENTRY_OVERHEAD_BYTES: an estimate, not a heap
 * measurement, as JS objects for parsed rows can take 2–3× their JSON size.
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
   * kept as their raw text only and decoded when read (see stored-event.ts);
   * without it the decoded record is kept whole.
   */
  decode?: RecordDecoder;
}

/** Pseudo-table of undecodable records whose table could not be guessed from the channel. */
export const UNDECODABLE_KEY = '(undecodable)';
/** Pseudo-table of outbox events (Debezium's outbox event router): business events, not row changes of a table. */
export const OUTBOX_KEY = '(outbox)';

/** The store's key for a record: its table's, else a pseudo-table. */
export function storeKeyOf(record: DecodedRecord): string {
  return tableKeyOf(record) ?? (record.kind === 'outbox' ? OUTBOX_KEY : UNDECODABLE_KEY);
}

/**
 * Event ids linked between outbox events and the outbox table's row changes:
 * 10,000 event ids, the oldest dropped first, at most 4 inspector ids per
 * side (the table may be watched through several connectors).
 */
const MAX_LINKED_EVENTS = 10_000;
const MAX_LINKS_PER_EVENT = 4;

export const EVENT_STORE_DEFAULTS = {
  perTableCount: 500,
  perTableBytes: 2 * 1024 * 1024,
  globalBytes: 128 * 1024 * 1024,
  scanLimit: 50_000,
  heavyScanLimit: 5_000,
  textBudgetChars: 16_000_000,
} as const;

/** Objects of a decoded record (record, origin, source, position, headers), its slot, its id string and Map entry. */
export const ENTRY_OVERHEAD_BYTES = 1024;

export interface EventStore {
  /** Keeps the record if it is a change, tombstone or undecodable; false when ignored. */
  /** `id`: the record's eventIdOf when the caller has it already (the pipeline shares it with the transactions). */
  add(record: DecodedRecord, raw: Pick<RawMessage, 'key' | 'value'>, tableKey?: string, id?: string): boolean;
  get(id: string): StoredEvent | undefined;
  /** The masked detail of one event, undefined when unknown or evicted. */
  detail(id: string): EventDetail | undefined;
  /** The outbox links of an event (from the buffer or read again from its broker). */
  links(e: StoredEvent): OutboxLinks;
  /** Newest first, masked. `cursor` from a previous page's nextCursor; `limit` is capped at 500. */
  query(filter: EventFilter, cursor?: string, limit?: number): Result<EventPage>;
  /** Drops a table's events (the stats registry evicted it). */
  forget(tableKey: string): void;
  stats(): { events: number; bytes: number; tables: number };
}

/** A position in seq order; `event` is dropped on eviction so the record is freed at once, not at compaction. */
interface Slot {
  seq: number;
  event: StoredEvent | null;
}

/** Oldest first from `head`; slots before `head` are gone. Shifting is O(1) with occasional compaction. */
interface Queue {
  items: (Slot | undefined)[];
  head: number;
  bytes: number;
}

const STORED_KINDS = new Set<DecodedRecord['kind']>(['change', 'tombstone', 'undecodable', 'outbox']);

function compact(q: Queue): void {
  if (q.head > 1024 && q.head * 2 > q.items.length) {
    q.items = q.items.slice(q.head);
    q.head = 0;
  }
}

/** Index of the newest slot with seq < `below` in items[head..], or head - 1 when none. Slots are in seq order. */
function lastIndexBelow(items: Queue['items'], head: number, below: number): number {
  let lo = head;
  let hi = items.length - 1;
  let found = head - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((items[mid]?.seq ?? Infinity) < below) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

export function createEventStore(options: EventStoreOptions = {}): EventStore {
  const o = { ...EVENT_STORE_DEFAULTS, ...options };
  const masker = options.masker ?? NO_MASKING;
  const runId = options.runId ?? Date.now().toString(36);
  // Map order = write order: a write re-inserts the table, so the first key is the least recently written.
  const tables = new Map<string, Queue>();
  const ids = new Map<string, StoredEvent>();
  // Every slot in seq order, for unfiltered and cross-table scans; evicted slots are skipped and compacted away.
  const all: Queue = { items: [], head: 0, bytes: 0 };
  let evictedInAll = 0;
  const linked = new Map<string, { rows: string[]; events: string[] }>();

  function outboxIdOf(record: DecodedRecord): string | undefined {
    if (record.kind === 'outbox') return record.eventId;
    return record.kind === 'change' ? outboxEventIdOf(record) : undefined;
  }

  function link(record: DecodedRecord, id: string): void {
    const eventId = outboxIdOf(record);
    if (eventId === undefined) return;
    let entry = linked.get(eventId);
    if (entry === undefined) {
      entry = { rows: [], events: [] };
      linked.set(eventId, entry);
      trimToSize(linked, MAX_LINKED_EVENTS);
    }
    const side = record.kind === 'outbox' ? entry.events : entry.rows;
    if (side.includes(id)) return;
    side.push(id);
    if (side.length > MAX_LINKS_PER_EVENT) side.shift();
  }

  function linksOf(e: StoredEvent): OutboxLinks {
    const eventId = outboxIdOf(e.record);
    const entry = eventId === undefined ? undefined : linked.get(eventId);
    if (entry === undefined) return {};
    return e.record.kind === 'outbox' ? { rowChanges: [...entry.rows] } : { events: [...entry.events] };
  }
  let seq = 0;
  let totalBytes = 0;

  function evictOldest(tableKey: string, q: Queue): void {
    const slot = q.items[q.head];
    const event = slot?.event;
    if (slot === undefined || event == null) return;
    q.items[q.head] = undefined;
    q.head++;
    q.bytes -= event.bytes;
    totalBytes -= event.bytes;
    slot.event = null;
    ids.delete(event.id);
    evictedInAll++;
    if (q.head === q.items.length) tables.delete(tableKey);
    else compact(q);
  }

  function compactAll(): void {
    while (all.head < all.items.length && all.items[all.head]?.event === null) {
      all.head++;
      evictedInAll--;
    }
    const live = all.items.length - all.head - evictedInAll;
    if (evictedInAll > 4096 && evictedInAll > live) {
      all.items = all.items.slice(all.head).filter((s) => s?.event != null);
      all.head = 0;
      evictedInAll = 0;
    } else compact(all);
  }

  // No closures here: it runs on every add.
  function enforceLimits(tableKey: string, q: Queue): void {
    while (q.items.length - q.head > o.perTableCount || (q.bytes > o.perTableBytes && q.items.length - q.head > 1))
      evictOldest(tableKey, q);
    while (totalBytes > o.globalBytes) {
      const [oldestKey, oldest] = oldestEntry(tables) ?? [];
      if (oldestKey === undefined || oldest === undefined) break;
      if (oldest === q && q.items.length - q.head <= 1) break;
      evictOldest(oldestKey, oldest);
    }
    compactAll();
  }

  function scanFrom(items: Queue['items'], head: number, filter: EventFilter, below: number, limit: number): EventPage {
    const predicate = buildPredicate(filter, masker, filter.side && options.replicaSides?.get(filter.side.pair));
    const scanLimit = isHeavy(filter) ? o.heavyScanLimit : o.scanLimit;
    const work: QueryWork = { scanned: 0, textChars: 0 };
    const page: EventPage = { items: [], nextCursor: null, scanned: 0, truncated: false };
    let last: number | undefined;
    for (let i = lastIndexBelow(items, head, below); i >= head; i--) {
      const event = items[i]?.event;
      if (event == null) continue;
      if (work.scanned >= scanLimit || work.textChars >= o.textBudgetChars) {
        page.truncated = true;
        break;
      }
      work.scanned++;
      last = event.seq;
      if (!predicate(event, work)) continue;
      page.items.push(maskedListItem(event, masker));
      if (page.items.length >= limit) break;
    }
    page.scanned = work.scanned;
    // A full or truncated page continues after the last event examined; a page that ran out of events is the end.
    if (last !== undefined && (page.truncated || page.items.length >= limit))
      page.nextCursor = encodeCursor(runId, last);
    return page;
  }

  return {
    // `key`: the record's tableKeyOf when the caller has it already (the pipeline does, for every record).
    add(record, raw, key, knownId) {
      if (!STORED_KINDS.has(record.kind)) return false;
      const id = knownId ?? `${record.sourceId}:${channelOf(record.origin)}:${positionOf(record.origin)}`;
      if (ids.has(id)) return false;
      const tableKey = key ?? storeKeyOf(record);
      // Kept as text, not bytes: a broker client's Buffer is often a view of a whole fetch response, and
      // a string costs less than a copied ArrayBuffer per event (3.5 vs 5.5 µs per add, most of it GC).
      const { rawKey, rawValue } = rawTexts(record, raw);
      const rawBytes = textBytes(rawKey) + textBytes(rawValue);
      let event: StoredEvent;
      if (options.decode !== undefined && LazyStoredEvent.fits(record, raw)) {
        event = new LazyStoredEvent(
          ++seq,
          id,
          tableKey,
          record,
          rawKey,
          rawValue,
          raw.value?.length ?? 0,
          options.decode,
        );
        event.bytes = LAZY_ENTRY_OVERHEAD_BYTES + rawBytes + headerBytes(record.headers);
      } else {
        const bytes = ENTRY_OVERHEAD_BYTES + keptRecordBytes(record) + rawBytes;
        event = { seq: ++seq, id, tableKey, record, rawKey, rawValue, rawValueSize: raw.value?.length ?? 0, bytes };
      }
      const bytes = event.bytes;
      const slot: Slot = { seq: event.seq, event };
      let q = tables.get(tableKey);
      if (q) tables.delete(tableKey);
      else q = { items: [], head: 0, bytes: 0 };
      tables.set(tableKey, q);
      q.items.push(slot);
      q.bytes += bytes;
      all.items.push(slot);
      totalBytes += bytes;
      ids.set(id, event);
      link(record, id);
      enforceLimits(tableKey, q);
      return true;
    },
    get: (id) => ids.get(id),
    detail(id) {
      const event = ids.get(id);
      return event === undefined ? undefined : toEventDetail(event, masker, linksOf(event));
    },
    links: linksOf,
    query(filter, cursor, limit = EVENT_PAGE_MAX_LIMIT) {
      let below = Infinity;
      if (cursor !== undefined) {
        const c = decodeCursor(cursor, runId);
        if (!c.ok) return c;
        below = c.value;
      }
      if (filter.side !== undefined && !options.replicaSides?.has(filter.side.pair))
        return { ok: false, error: `side: no replica pair "${filter.side.pair}"` };
      const n = Math.max(1, Math.min(EVENT_PAGE_MAX_LIMIT, Math.floor(limit)));
      if (filter.table === undefined) return { ok: true, value: scanFrom(all.items, all.head, filter, below, n) };
      const q = tables.get(filter.table);
      if (q === undefined) return { ok: true, value: { items: [], nextCursor: null, scanned: 0, truncated: false } };
      return { ok: true, value: scanFrom(q.items, q.head, filter, below, n) };
    },
    forget(tableKey) {
      const q = tables.get(tableKey);
      if (q === undefined) return;
      while (tables.get(tableKey) === q) evictOldest(tableKey, q);
      compactAll();
    },
    stats: () => ({ events: ids.size, bytes: totalBytes, tables: tables.size }),
  };
}
