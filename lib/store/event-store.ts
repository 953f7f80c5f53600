import type { DecodedRecord } from '../contracts/change-event';
import type { EventDetail, EventFilter, EventPage } from '../contracts/inspector';
import type { Result } from '../result';
import { EVENT_PAGE_MAX_LIMIT } from '../contracts/inspector';
import { channelOf, positionOf, type RawMessage } from '../contracts/raw-message';
import { tableKeyOf } from '../debezium/table-identity';
import { buildPredicate, decodeCursor, encodeCursor, isHeavy, type QueryWork } from './event-store-filter';
import { rawTexts } from './raw-text';
import { maskedListItem, NO_MASKING, toEventDetail, type OutboxLinks, type StoredEvent } from './event-store-view';
import { headerBytes, keptRecordBytes, LAZY_ENTRY_OVERHEAD_BYTES, LazyStoredEvent, textBytes } from './stored-event';
import { oldestEntry } from '../bounded-map';
import { createByteRing, RECORD_HEADER_BYTES, type ByteRing } from './byte-ring';
import { compact, newestFirst, type Queue } from './event-queue';
import { createOutboxLinks } from './outbox-links';
import {
  ENTRY_OVERHEAD_BYTES,
  EVENT_STORE_DEFAULTS,
  RING_INITIAL_BYTES,
  RING_SHARE,
  type EventStoreOptions,
} from './event-store-limits';

// The limits, what each evicts and how bytes are counted: event-store-limits.ts.
export { ENTRY_OVERHEAD_BYTES, EVENT_STORE_DEFAULTS, type EventStoreOptions };

/** Pseudo-table of undecodable records whose table could not be guessed from the channel. */
export const UNDECODABLE_KEY = '(undecodable)';
/** Pseudo-table of outbox events (Debezium's outbox event router): business events, not row changes of a table. */
export const OUTBOX_KEY = '(outbox)';

/** The store's key for a record: its table's, else a pseudo-table. */
export function storeKeyOf(record: DecodedRecord): string {
  return tableKeyOf(record) ?? (record.kind === 'outbox' ? OUTBOX_KEY : UNDECODABLE_KEY);
}

const EMPTY = new Uint8Array(0);

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

const STORED_KINDS = new Set<DecodedRecord['kind']>(['change', 'tombstone', 'undecodable', 'outbox']);

export function createEventStore(options: EventStoreOptions = {}): EventStore {
  const o = { ...EVENT_STORE_DEFAULTS, ...options };
  const ringMaxBytes = Math.floor(o.perTableBytes * RING_SHARE);
  const masker = options.masker ?? NO_MASKING;
  const runId = options.runId ?? Date.now().toString(36);
  // Map order = write order: a write re-inserts the table, so the first key is the least recently written.
  const tables = new Map<string, Queue>();
  const ids = new Map<string, StoredEvent>();
  const links = createOutboxLinks((id) => ids.has(id));
  let seq = 0;
  let totalBytes = 0;

  /** Counts a change of the table ring's capacity (growth, shrinking, dropping) against the limits. */
  function resized(q: Queue, before: number): void {
    const delta = (q.ring?.capacity ?? 0) - before;
    q.bytes += delta;
    totalBytes += delta;
  }

  function evictOldest(tableKey: string, q: Queue): void {
    const event = q.items[q.head];
    if (event === undefined) return;
    q.items[q.head] = undefined;
    q.head++;
    q.bytes -= event.bytes;
    totalBytes -= event.bytes;
    ids.delete(event.id);
    if (event instanceof LazyStoredEvent && q.ring !== undefined) {
      const before = q.ring.capacity;
      q.ring.release(event.offset);
      resized(q, before);
    }
    if (q.head === q.items.length) {
      // Empty: the table and its ring go; add() may take the same queue up again.
      const before = q.ring?.capacity ?? 0;
      q.ring = undefined;
      resized(q, before);
      q.items = [];
      q.head = 0;
      tables.delete(tableKey);
    } else compact(q);
  }

  /**
   * The event's key and value copied into its table's ring, the table's oldest events evicted first while the
   * ring is full at its largest; undefined when they are longer than that ring could hold.
   */
  function keepInRing(tableKey: string, q: Queue, raw: Pick<RawMessage, 'key' | 'value'>): number | undefined {
    const length = (raw.key?.length ?? 0) + (raw.value?.length ?? 0);
    if (RECORD_HEADER_BYTES + length > ringMaxBytes) return undefined;
    while (q.ring !== undefined && !q.ring.fits(length) && q.head < q.items.length) evictOldest(tableKey, q);
    q.ring ??= newRing(q);
    const before = q.ring.capacity;
    const offset = q.ring.append(raw.key ?? EMPTY, raw.value ?? EMPTY);
    resized(q, before);
    return offset;
  }

  function newRing(q: Queue): ByteRing {
    const ring = createByteRing({ initialBytes: RING_INITIAL_BYTES, maxBytes: ringMaxBytes });
    q.bytes += ring.capacity;
    totalBytes += ring.capacity;
    return ring;
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
  }

  /** `queues`: the table asked for, or all of them, merged newest first. */
  function scanFrom(queues: Queue[], filter: EventFilter, below: number, limit: number): EventPage {
    const predicate = buildPredicate(filter, masker, filter.side && options.replicaSides?.get(filter.side.pair));
    const scanLimit = isHeavy(filter) ? o.heavyScanLimit : o.scanLimit;
    const work: QueryWork = { scanned: 0, textChars: 0 };
    const page: EventPage = { items: [], nextCursor: null, scanned: 0, truncated: false };
    let last: number | undefined;
    const next = newestFirst(queues, below);
    for (let event = next(); event !== undefined; event = next()) {
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
      let q = tables.get(tableKey);
      if (q) tables.delete(tableKey);
      else q = { items: [], head: 0, bytes: 0 };
      tables.set(tableKey, q);
      const decode = options.decode;
      const offset =
        decode !== undefined && LazyStoredEvent.fits(record, raw) ? keepInRing(tableKey, q, raw) : undefined;
      // Making room in the ring may have emptied the table, which then left the map.
      if (tables.get(tableKey) !== q) tables.set(tableKey, q);
      let event: StoredEvent;
      if (offset !== undefined && decode !== undefined && q.ring !== undefined) {
        event = new LazyStoredEvent(++seq, id, tableKey, record, raw, q.ring, offset, decode);
        event.bytes = LAZY_ENTRY_OVERHEAD_BYTES + headerBytes(record.headers);
      } else {
        // Kept whole. One meant for the ring but too long for it is decoded again: a decode worker may have
        // left out its `before` (slim-record.ts).
        const whole =
          decode !== undefined && LazyStoredEvent.fits(record, raw)
            ? decode({
                ...raw,
                sourceId: record.sourceId,
                origin: record.origin,
                headers: record.headers,
                receivedAt: record.receivedAt,
              })
            : record;
        const { rawKey, rawValue } = rawTexts(whole, raw);
        const bytes = ENTRY_OVERHEAD_BYTES + keptRecordBytes(whole) + textBytes(rawKey) + textBytes(rawValue);
        const rawValueSize = raw.value?.length ?? 0;
        event = { seq: ++seq, id, tableKey, record: whole, rawKey, rawValue, rawValueSize, bytes };
      }
      const bytes = event.bytes;
      q.items.push(event);
      q.bytes += bytes;
      totalBytes += bytes;
      ids.set(id, event);
      links.link(record, id);
      enforceLimits(tableKey, q);
      return true;
    },
    get: (id) => ids.get(id),
    detail(id) {
      const event = ids.get(id);
      return event === undefined ? undefined : toEventDetail(event, masker, links.linksOf(event));
    },
    links: (e) => links.linksOf(e),
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
      if (filter.table === undefined) return { ok: true, value: scanFrom([...tables.values()], filter, below, n) };
      const q = tables.get(filter.table);
      if (q === undefined) return { ok: true, value: { items: [], nextCursor: null, scanned: 0, truncated: false } };
      return { ok: true, value: scanFrom([q], filter, below, n) };
    },
    forget(tableKey) {
      const q = tables.get(tableKey);
      if (q === undefined) return;
      while (tables.get(tableKey) === q) evictOldest(tableKey, q);
    },
    stats: () => ({ events: ids.size, bytes: totalBytes, tables: tables.size }),
  };
}
