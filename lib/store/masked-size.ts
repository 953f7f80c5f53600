import type { DecodedRecord, Row } from '../contracts/change-event';
import type { EventMasker } from './event-store-view';

/**
 * Sizes of masked events (issue #17.4). The exact size of a message whose
 * values were masked tells the masked values' total length: the size minus
 * the masked text's length, plus the replacement's length per masked slot,
 * gave each original length, and told a null from a set value. So where
 * masking touched an event, every size shown (list items, details, raw view,
 * socket frames, seek lines) is rounded up to a coarse bucket, and flagged.
 */

/**
 * Rounded up to a multiple of 1 KiB below 16 KiB, and to 1/16 of the size's
 * power of two above (about 6 %): small rows, where a phone number is a large
 * share, all look alike, and large values keep their order of magnitude.
 */
export function coarseSize(bytes: number): number {
  if (bytes <= 0) return 0;
  const bucket = Math.max(1024, 2 ** (Math.floor(Math.log2(bytes)) - 4));
  return Math.ceil(bytes / bucket) * bucket;
}

const changed = (m: EventMasker, table: string | undefined, row: Row | null | undefined) =>
  row !== null && row !== undefined && m.maskRow(table, row) !== row;

/**
 * Whether masking changes anything shown of this record. Rows are masked
 * copy-on-write, so `!==` tells. Records whose content is masked as text
 * (undecodable, outbox) count as touched whenever masking is on.
 */
export function maskingTouches(rec: DecodedRecord, table: string | undefined, m: EventMasker): boolean {
  if (!m.active) return false;
  switch (rec.kind) {
    case 'change':
      return (
        changed(m, table, rec.key) ||
        changed(m, table, rec.before) ||
        changed(m, table, rec.after) ||
        rec.message !== undefined ||
        (rec.source.position.kind === 'mysql' && rec.source.position.query !== undefined)
      );
    case 'tombstone':
      return changed(m, table, rec.key);
    case 'undecodable':
    case 'outbox':
      return true;
    default:
      return false;
  }
}
