import { describe, expect, it } from 'vitest';
import { describeChange, timelineOf } from './schema-timeline';

describe('schema timeline', () => {
  it('interleaves shapes and statements newest first, the statement below the shape at the same time', () => {
    const items = timelineOf({
      table: 't',
      versions: [
        { since: 1, basis: 'connect', columns: [], changes: [] },
        { since: 5, basis: 'connect', columns: [], changes: [{ kind: 'added', column: 'x', to: 'int32' }] },
      ],
      ddl: [
        { at: 5, ddl: 'ALTER TABLE t ADD x INT', type: 'ALTER' },
        { at: 3, ddl: 'CREATE TABLE t (id INT)', type: 'CREATE' },
      ],
      droppedDdl: 0,
      drift: true,
      droppedVersions: 0,
    });
    expect(items.map((i) => `${i.kind}@${i.at}`)).toEqual(['shape@5', 'ddl@5', 'ddl@3', 'shape@1']);
    expect(items.at(-1)).toMatchObject({ first: true });
  });

  it('describes each kind of change', () => {
    expect(describeChange({ kind: 'added', column: 'x', to: 'int32' })).toBe('added x (int32)');
    expect(describeChange({ kind: 'removed', column: 'x' })).toBe('removed x');
    expect(describeChange({ kind: 'type-changed', column: 'x', from: 'int32', to: 'int64' })).toBe('x: int32 → int64');
    expect(describeChange({ kind: 'optionality-changed', column: 'x', from: 'required', to: 'optional' })).toBe(
      'x: required → optional',
    );
  });
});
