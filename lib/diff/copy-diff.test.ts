import { describe, expect, it } from 'vitest';
import { decodeMessage } from '../debezium/decode-message';
import { mariadbFixtures } from '../debezium/fixtures';
import type { ChangeRecord } from '../contracts/change-event';
import { diffCopies } from './copy-diff';

function change(raw: Parameters<typeof decodeMessage>[0]): ChangeRecord {
  const r = decodeMessage(raw);
  if (r.kind !== 'change') throw new Error(r.kind);
  return r;
}

describe('copy diff', () => {
  it('finds nothing between the two replicas of one change: source fields are not compared', () => {
    const a = change(mariadbFixtures.updateA);
    const b = change(mariadbFixtures.updateBWrapped);
    expect(a.source.position).not.toEqual(b.source.position);
    expect(diffCopies(a, b)).toEqual({ changes: [], omitted: 0 });
  });

  it('shows op, key, before and after differences with prefixed paths', () => {
    const a = { op: 'u' as const, key: { id: 1 }, before: { id: 1, v: 1 }, after: { id: 1, v: 2, extra: 'x' } };
    const b = { op: 'c' as const, key: { id: 2 }, before: null, after: { id: 1, v: 3 } };
    expect(diffCopies(a, b).changes).toEqual([
      { path: ['op'], kind: 'changed', before: 'u', after: 'c' },
      { path: ['key', 'id'], kind: 'changed', before: 1, after: 2 },
      { path: ['before'], kind: 'changed', before: { id: 1, v: 1 }, after: null, typeChanged: true },
      { path: ['after', 'v'], kind: 'changed', before: 2, after: 3 },
      { path: ['after', 'extra'], kind: 'removed', before: 'x' },
    ]);
  });
});
