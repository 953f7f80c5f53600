import { describe, expect, it } from 'vitest';
import type { Op, Row } from '../contracts/change-event';
import { createMasker } from '../masking/masker';
import { mariaChange } from '../replicas/fixtures/replica-changes';
import { toSeekEvent } from '../seek/seek-event';
import { NO_MASKING } from '../store/event-store-view';
import { firstDivergence } from './divergence';
import { createRowMatcher, toHistoryEntry } from './history-entry';
import { orderHistory } from './history-order';

/** A row's life on one replica side as real decoded MariaDB events: c → u → u → d at offsets 10, 11, … */
function life(side: 'a' | 'b', rows: (Row | null)[], ops: Op[], firstOffset = 10) {
  return ops.map((op, i) => {
    const rec = mariaChange({
      side,
      table: 'inventory.customers',
      op,
      key: { id: 42 },
      before: i === 0 ? null : (rows[i - 1] ?? null),
      after: rows[i] ?? null,
      gtid: `0-1-${100 + i}`,
      offset: firstOffset + i,
      partition: 2,
    });
    return toSeekEvent(rec, { key: null, value: null }, false);
  });
}

const v1 = { id: 42, name: 'Ada', email: 'ada@example.org', tier: 'free' };
const v2 = { ...v1, tier: 'pro' };
const v3 = { ...v2, name: 'Ada L.' };
const ROWS = [v1, v2, v3, null];
const OPS: Op[] = ['c', 'u', 'u', 'd'];

const entries = (side: 'a' | 'b', rows = ROWS, ops = OPS, masker = NO_MASKING) =>
  life(side, rows, ops).map((e) => {
    const entry = toHistoryEntry(e, masker, 'broker');
    if (!entry) throw new Error('not a row change');
    return entry;
  });

describe('history entries', () => {
  it('carry the change, its changed fields, position, transaction and commit time; masked', () => {
    const masker = createMasker({ fields: ['email'], defaults: true });
    const [c, u1] = entries('a', ROWS, OPS, masker);
    expect(c).toMatchObject({ op: 'c', position: 'p2@10', channel: 'replica_a.inventory.customers', txId: '0-1-100' });
    expect(c?.changes.map((d) => d.path.join('.'))).toEqual(['id', 'name', 'email', 'tier']);
    expect(JSON.stringify(c)).not.toContain('ada@example.org');
    expect(u1?.changes).toEqual([expect.objectContaining({ path: ['tier'], before: 'free', after: 'pro' })]);
    expect(u1?.ref).toEqual({
      kind: 'kafka',
      sourceId: expect.any(String),
      topic: 'replica_a.inventory.customers',
      partition: 2,
      offset: '11',
    });
    expect(typeof u1?.commitTs).toBe('number');
  });

  it('the row matcher compares the masked key exactly, not as a substring', () => {
    const [e] = life('a', ROWS, OPS);
    if (!e) throw new Error('no event');
    expect(createRowMatcher({ id: 42 }, NO_MASKING)(e)).toBe(true);
    expect(createRowMatcher({ id: '42' }, NO_MASKING)(e)).toBe(true);
    expect(createRowMatcher({ id: 4 }, NO_MASKING)(e)).toBe(false);
    // A masked key column cannot be looked up by its real value (a filter must not probe a hidden value).
    expect(createRowMatcher({ id: 42 }, createMasker({ fields: ['id'] }))(e)).toBe(false);
  });
});

describe('history order and diff chain', () => {
  it('newest first by broker position, merged by id, each linked to the one before', () => {
    const all = entries('a');
    const shuffled = [all[2], all[0], all[3], all[1], all[2]].flatMap((e) => (e ? [e] : []));
    const ordered = orderHistory(shuffled);
    expect(ordered.map((e) => e.op)).toEqual(['d', 'u', 'u', 'c']);
    expect(ordered.map((e) => e.continuity)).toEqual(['ok', 'ok', 'ok', 'first']);
  });

  it('a missing change shows as a gap, a redelivered one as a duplicate', () => {
    const all = entries('a');
    const gapped = orderHistory([all[0], all[2], all[3]].flatMap((e) => (e ? [e] : [])));
    expect(gapped.map((e) => e.continuity)).toEqual(['ok', 'gap', 'first']);
    const again = { ...(all[1] ?? all[0]!), id: 'x:replica_a.inventory.customers:p2@99', position: 'p2@99' };
    const withDup = orderHistory([...all, again]);
    expect(withDup[0]).toMatchObject({ position: 'p2@99', continuity: 'duplicate' });
  });

  it('a partial before image (a key only) is unknown, not a gap', () => {
    const partial = entries('a', [v1, v2], ['c', 'u']);
    const u = { ...partial[1]!, beforeDigest: 'k', beforeColumns: 1 };
    expect(orderHistory([partial[0]!, u]).map((e) => e.continuity)).toEqual(['unknown', 'first']);
  });

  it('a before image with a column the previous after image lacked (the table gained it) is unknown, not a gap', () => {
    const two = entries('a', [v1, v2], ['c', 'u']);
    const widened = { ...two[1]!, beforeDigest: 'wider', beforeColumns: (two[0]!.afterColumns ?? 0) + 1 };
    expect(orderHistory([two[0]!, widened]).map((e) => e.continuity)).toEqual(['unknown', 'first']);
    const sameWidth = { ...two[1]!, beforeDigest: 'other' };
    expect(orderHistory([two[0]!, sameWidth]).map((e) => e.continuity)).toEqual(['gap', 'first']);
  });
});

describe('first divergence of two replicas', () => {
  it('none when both sides saw the same changes (positions, GTIDs and binlogs aside)', () => {
    expect(firstDivergence(orderHistory(entries('a')), orderHistory(entries('b')))).toBeNull();
  });

  it('marks the first change that differs', () => {
    const other = { ...v2, tier: 'enterprise' };
    const b = orderHistory(entries('b', [v1, other, { ...other, name: 'Ada L.' }, null]));
    const a = orderHistory(entries('a'));
    const d = firstDivergence(a, b);
    expect(d).toMatchObject({ reason: 'different-change', agreed: 1 });
    expect(d?.a).toBe(a.find((e) => e.position === 'p2@11')?.id);
    expect(d?.b).toBe(b.find((e) => e.position === 'p2@11')?.id);
  });

  it('marks a change only one side has, and skips a prefix the other side no longer keeps', () => {
    const a = orderHistory(entries('a'));
    const bShort = orderHistory(entries('b').slice(0, 3));
    // When A's extra change happened (its commit time), for the grace before calling it only in A.
    const extra = a.find((e) => e.position === 'p2@13');
    expect(firstDivergence(a, bShort)).toMatchObject({
      reason: 'only-in-a',
      b: null,
      agreed: 3,
      a: extra?.id,
      since: extra?.commitTs ?? extra?.receivedAt,
    });
    // B's read starts later (retention): its oldest change is A's second; they agree from there.
    const bLate = orderHistory(entries('b').slice(1));
    expect(firstDivergence(a, bLate)).toBeNull();
  });
});
