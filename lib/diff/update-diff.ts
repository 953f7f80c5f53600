import type { ChangeRecord, Row } from '../contracts/change-event';
import { changedFields, UNAVAILABLE_VALUE_PLACEHOLDER } from '../debezium/changed-fields';
import { createDiffCollector, diffInto, type DiffOptions, type DiffResult } from './field-diff';

export interface ChangeDiff extends DiffResult {
  /**
   * False when `before` was not sent (PostgreSQL REPLICA IDENTITY DEFAULT
   * sends none on updates) or lacks some of `after`'s fields: the diff then
   * covers only what both sides carry.
   */
  complete: boolean;
}

/**
 * Field-level diff of an update's `before` and `after`. The changed top-level
 * fields come from `changedFields` (lib/debezium), so this agrees with the
 * event list: fields missing from `before` are unknown rather than added,
 * and unchanged TOAST placeholders are not changes. Each changed field is then
 * diffed in depth (nested JSON, arrays, type changes).
 */
export function diffUpdate(
  before: Row | null | undefined,
  after: Row | null | undefined,
  options?: DiffOptions,
): ChangeDiff {
  const c = createDiffCollector(options);
  if (before === null || before === undefined || after === null || after === undefined)
    return { ...c.result(), complete: false };
  for (const field of changedFields(before, after)) diffInto(c, before[field], after[field], [field]);
  let complete = true;
  for (const field in after) {
    if (!(field in before) && after[field] !== UNAVAILABLE_VALUE_PLACEHOLDER) complete = false;
  }
  return { ...c.result(), complete };
}

/**
 * Diff of any change as the inspector shows it: creates and snapshot reads
 * list every field as added, deletes every field as removed, updates as
 * diffUpdate. Truncates, logical messages and tombstones have no row diff.
 */
export function diffChange(record: Pick<ChangeRecord, 'op' | 'before' | 'after'>, options?: DiffOptions): ChangeDiff {
  switch (record.op) {
    case 'u':
      return diffUpdate(record.before, record.after, options);
    case 'c':
    case 'r':
    case 'd': {
      const c = createDiffCollector(options);
      const row = record.op === 'd' ? record.before : record.after;
      if (row === null) return { ...c.result(), complete: false };
      for (const field in row) {
        if (record.op === 'd') c.push([field], row[field], undefined);
        else c.push([field], undefined, row[field]);
      }
      return { ...c.result(), complete: true };
    }
    default:
      return { changes: [], omitted: 0, complete: true };
  }
}
