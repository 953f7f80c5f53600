import type { DecodedRecord } from '../contracts/change-event';
import type { EventFilter } from '../contracts/inspector';
import { channelOf, positionOf, type RawMessage } from '../contracts/raw-message';
import { storeKeyOf } from '../store/event-store';
import { rawTexts } from '../store/raw-text';
import { buildPredicate } from '../store/event-store-filter';
import type { EventMasker, StoredEvent } from '../store/event-store-view';

/**
 * A message read by a seek, in the shape the inspector's filters and views
 * take (`StoredEvent`), so a seek filters and masks exactly as the live
 * inspector does. Nothing here is kept: it lives while one message is checked.
 */

/**
 * Kinds a seek returns: the ones the live inspector keeps, and schema changes, which are found only on a
 * connector's schema-change topic (a seek there is asked for its statements). Transaction markers and
 * heartbeats are scanned, never listed.
 */
const LISTED_KINDS = new Set<DecodedRecord['kind']>(['change', 'tombstone', 'undecodable', 'outbox', 'schema-change']);

export const isListed = (record: DecodedRecord): boolean => LISTED_KINDS.has(record.kind);

/**
 * `withRaw` adds the raw key and value as text (for a detail view); a list
 * check needs only the decoded record, and skipping the copy keeps a scan cheap.
 */
export function toSeekEvent(
  record: DecodedRecord,
  raw: Pick<RawMessage, 'key' | 'value'>,
  withRaw: boolean,
): StoredEvent {
  const { rawKey, rawValue } = withRaw ? rawTexts(record, raw) : { rawKey: null, rawValue: null };
  return {
    seq: 0,
    id: `${record.sourceId}:${channelOf(record.origin)}:${positionOf(record.origin)}`,
    tableKey: storeKeyOf(record),
    record,
    rawKey,
    rawValue,
    rawValueSize: raw.value?.length ?? 0,
    bytes: 0,
  };
}

/**
 * The inspector's predicate plus `table` (the store applies that one by
 * walking a table's ring; a seek has no rings). `from`/`to` compare the
 * event's `receivedAt`, which a seek sets to the broker's timestamp.
 */
export function createSeekMatcher(filter: EventFilter, masker: EventMasker): (e: StoredEvent) => boolean {
  const predicate = buildPredicate(filter, masker);
  // The work counters bound the live store's queries; a seek is bounded by its scan limit instead.
  const work = { scanned: 0, textChars: 0 };
  const table = filter.table;
  return (e) => (table === undefined || e.tableKey === table) && predicate(e, work);
}
