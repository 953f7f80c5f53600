import type { ChangeRecord, Row } from '../contracts/change-event';
import { channelOf, positionOf } from '../contracts/raw-message';
import type { HistoryEntry } from '../contracts/row-history';
import { diffChange } from '../diff/update-diff';
import { logPositionOf, txIdOf } from '../event-views/render';
import { hashValue } from '../replicas/content-hash';
import { brokerRefOf } from '../seek/seek-lines';
import { maskTableOf, type EventMasker, type StoredEvent } from '../store/event-store-view';
import { keyIdentity } from './row-key';

/**
 * One event of a row as a history entry: its own diff (masked), where it sits
 * in the broker and in the database log, and fingerprints of its masked rows,
 * which the chain check and the replica comparison read instead of the rows.
 */

/** Ops that are a row's changes: create, update, delete, snapshot read. Truncates and messages are not one row's. */
const ROW_OPS = new Set(['c', 'u', 'd', 'r']);

/** The event's change record when it is a change of some row, else undefined. */
export function rowChangeOf(e: StoredEvent): ChangeRecord | undefined {
  const rec = e.record;
  return rec.kind === 'change' && ROW_OPS.has(rec.op) && rec.key !== undefined ? rec : undefined;
}

/**
 * A matcher for the row's events (its changes, and its tombstones, whose key
 * is the same evidence of partitioning): compares the masked key, as every
 * filter does (a filter must not probe a hidden value), by `keyIdentity`.
 */
export function createRowMatcher(key: Row, masker: EventMasker): (e: StoredEvent) => boolean {
  const wanted = keyIdentity(key);
  return (e) => {
    const rec = e.record;
    const rowKey = rec.kind === 'tombstone' ? rec.key : rowChangeOf(e)?.key;
    return rowKey !== undefined && keyIdentity(masker.maskRow(maskTableOf(e), rowKey)) === wanted;
  };
}

const digest = (row: Row | null): string | null => (row === null ? null : hashValue(row).toString(36));

export function toHistoryEntry(
  e: StoredEvent,
  masker: EventMasker,
  from: HistoryEntry['from'],
): HistoryEntry | undefined {
  const rec = rowChangeOf(e);
  if (rec === undefined) return undefined;
  const table = maskTableOf(e);
  const before = rec.before === null ? null : masker.maskRow(table, rec.before);
  const after = rec.after === null ? null : masker.maskRow(table, rec.after);
  // A flattened row has one image: there is nothing to diff against inside the event.
  const diff = rec.flattened === undefined ? diffChange(rec) : { changes: [], omitted: 0, complete: false };
  const entry: HistoryEntry = {
    id: e.id,
    sourceId: rec.sourceId,
    channel: channelOf(rec.origin),
    position: positionOf(rec.origin),
    op: rec.op,
    receivedAt: rec.receivedAt,
    snapshot: rec.op === 'r',
    changes: masker.maskDiffs(table, diff.changes),
    omitted: diff.omitted,
    complete: diff.complete,
    beforeDigest: digest(before),
    afterDigest: digest(after),
    beforeColumns: before === null ? null : Object.keys(before).length,
    afterColumns: after === null ? null : Object.keys(after).length,
    from,
  };
  if (rec.source.tsMs !== undefined) entry.commitTs = rec.source.tsMs;
  const tx = txIdOf(rec);
  if (tx !== undefined) entry.txId = tx;
  const log = logPositionOf(rec);
  if (log !== undefined) entry.logPosition = log;
  const ref = brokerRefOf(rec.sourceId, rec.origin);
  if (ref !== undefined) entry.ref = ref;
  return entry;
}
