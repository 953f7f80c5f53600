import { describe, expect, it } from 'vitest';
import { anne, anneMarie, order, orderShipped } from '../debezium/fixtures';
import { UNAVAILABLE_VALUE_PLACEHOLDER } from '../debezium/changed-fields';
import { diffChange, diffUpdate } from './update-diff';

describe('update diff', () => {
  it('diffs an update of the MariaDB fixture field by field, nested JSON included', () => {
    const r = diffUpdate(order, orderShipped);
    expect(r.complete).toBe(true);
    expect(r.changes).toEqual([
      { path: ['quantity'], kind: 'changed', before: 3, after: 4 },
      { path: ['meta', 'shipped'], kind: 'added', after: true },
    ]);
  });

  it('agrees with changedFields on partial before images and TOAST placeholders', () => {
    // REPLICA IDENTITY DEFAULT: no before at all.
    expect(diffUpdate(null, anneMarie)).toEqual({ changes: [], omitted: 0, complete: false });
    // A before without some columns: unknown, not added.
    const partial = diffUpdate({ id: 1001, first_name: 'Anne' }, anneMarie);
    expect(partial.changes).toEqual([{ path: ['first_name'], kind: 'changed', before: 'Anne', after: 'Anne Marie' }]);
    expect(partial.complete).toBe(false);
    // Unchanged TOAST column: not a change.
    const toast = diffUpdate({ ...anne, bio: 'long text' }, { ...anneMarie, bio: UNAVAILABLE_VALUE_PLACEHOLDER });
    expect(toast.changes.map((c) => c.path[0])).toEqual(['first_name']);
    expect(toast.complete).toBe(true);
  });

  it('shows creates as added fields and deletes as removed ones', () => {
    expect(diffChange({ op: 'c', before: null, after: { id: 1, v: 'x' } }).changes).toEqual([
      { path: ['id'], kind: 'added', after: 1 },
      { path: ['v'], kind: 'added', after: 'x' },
    ]);
    expect(diffChange({ op: 'd', before: { id: 1 }, after: null }).changes).toEqual([
      { path: ['id'], kind: 'removed', before: 1 },
    ]);
    expect(diffChange({ op: 'u', before: anne, after: anneMarie }).changes).toHaveLength(1);
    expect(diffChange({ op: 't', before: null, after: null })).toEqual({ changes: [], omitted: 0, complete: true });
    expect(diffChange({ op: 'd', before: null, after: null }).complete).toBe(false);
  });
});
