import { describe, expect, it } from 'vitest';
import type { ReplicaCounts, ReplicaDelayPoint } from '@/lib/contracts/replicas';
import {
  replicaKeyText,
  unmatchedEventHref,
  clipText,
  countClass,
  countsLevel,
  diffRowView,
  formatDiffPath,
  formatDiffValue,
  formatPercent,
  pairVerdict,
  selectorText,
  sideName,
  sideTableKey,
  suggestionSnippet,
  trimLeadingIdle,
} from './replica-format';

const side = (o: Partial<ReplicaCounts['a']> = {}) => ({
  unique: 10,
  duplicates: 0,
  pending: 0,
  onlyIn: 0,
  lost: 0,
  evicted: 0,
  ...o,
});
const counts = (
  o: { a?: Partial<ReplicaCounts['a']>; b?: Partial<ReplicaCounts['a']>; divergent?: number } = {},
): ReplicaCounts => ({
  a: side(o.a),
  b: side(o.b),
  matched: 10,
  lateMatches: 0,
  divergent: o.divergent ?? 0,
  ignored: 0,
});

describe('diff rendering', () => {
  it('joins paths with dots and names the root', () => {
    expect(formatDiffPath(['after', 'meta', '0', 'shipped'])).toBe('after.meta.0.shipped');
    expect(formatDiffPath([])).toBe('(root)');
  });

  it('shows values as JSON text, absent sides as (absent)', () => {
    expect(formatDiffValue('a')).toBe('"a"');
    expect(formatDiffValue(12)).toBe('12');
    expect(formatDiffValue(null)).toBe('null');
    expect(formatDiffValue({ x: [1, 2] })).toBe('{"x":[1,2]}');
    expect(formatDiffValue(undefined)).toBe('(absent)');
  });

  it('keeps markup as plain text (rendered as text, never as HTML)', () => {
    const v = diffRowView({
      path: ['after', 'note'],
      kind: 'changed',
      before: '<b>x</b>',
      after: '<script>alert(1)</script>',
    });
    expect(v.before).toBe('"<b>x</b>"');
    expect(v.after).toBe('"<script>alert(1)</script>"');
  });

  it('renders added/removed entries with the missing side absent, and the flags', () => {
    expect(diffRowView({ path: ['after', 'n'], kind: 'added', after: null })).toEqual({
      path: 'after.n',
      kind: 'added',
      before: '(absent)',
      after: 'null',
      flags: [],
    });
    expect(diffRowView({ path: ['after', 'n'], kind: 'removed', before: 3 })).toMatchObject({
      before: '3',
      after: '(absent)',
    });
    expect(
      diffRowView({
        path: ['after', 'n'],
        kind: 'changed',
        before: 1,
        after: '1',
        typeChanged: true,
        truncated: true,
        depthCapped: true,
      }).flags,
    ).toEqual(['type changed', 'truncated', 'depth capped']);
  });

  it('clips long values by code point without splitting a surrogate pair', () => {
    expect(clipText('abc', 5)).toEqual({ text: 'abc', clipped: false });
    expect(clipText('😀😀😀', 2)).toEqual({ text: '😀😀…', clipped: true });
  });
});

describe('sides', () => {
  it('names a side by label, server name, source id, then letter', () => {
    expect(sideName({ serverName: 's1', label: 'Replica 1' }, 'a')).toBe('Replica 1');
    expect(sideName({ serverName: 's1', sourceId: 'k' }, 'a')).toBe('s1');
    expect(sideName({ sourceId: 'k' }, 'b')).toBe('k');
    expect(sideName(undefined, 'b')).toBe('B');
    expect(selectorText({ serverName: 's1', sourceId: 'k' })).toBe('server s1 · source k');
  });

  it('links a table to the overview key only when the side has a server name', () => {
    expect(sideTableKey({ selector: { serverName: 'demo_a' }, records: 1, lastSeenAt: null }, 'inventory.orders')).toBe(
      'demo_a.inventory.orders',
    );
    expect(sideTableKey({ selector: { sourceId: 'k' }, records: 1, lastSeenAt: null }, 'inventory.orders')).toBeNull();
  });
});

describe('warning levels', () => {
  it('rates only-in, lost and divergent as errors, duplicates and evictions as warnings', () => {
    expect(countsLevel(counts())).toBe('ok');
    expect(countsLevel(counts({ b: { duplicates: 2 } }))).toBe('warn');
    expect(countsLevel(counts({ a: { evicted: 1 } }))).toBe('warn');
    expect(countsLevel(counts({ a: { onlyIn: 1 }, b: { duplicates: 2 } }))).toBe('err');
    expect(countsLevel(counts({ b: { lost: 1 } }))).toBe('err');
    expect(countsLevel(counts({ divergent: 1 }))).toBe('err');
    expect(countClass(0, 'err')).toBeUndefined();
    expect(countClass(1, 'err')).toBe('hot');
    expect(countClass(1, 'warn')).toBe('warn-text');
  });

  it('sums a verdict', () => {
    expect(pairVerdict(counts())).toEqual({ level: 'ok', text: 'consistent' });
    expect(pairVerdict(counts({ b: { duplicates: 1 } }))).toEqual({ level: 'warn', text: 'consistent · 1 duplicate' });
    expect(pairVerdict(counts({ a: { onlyIn: 2 }, b: { onlyIn: 1, lost: 1 }, divergent: 3 }))).toEqual({
      level: 'err',
      text: '3 only on one side · 1 lost · 3 divergent',
    });
  });

  it('formats shares as percentages', () => {
    expect(formatPercent(0)).toBe('0 %');
    expect(formatPercent(0.002177)).toBe('0.22 %');
    expect(formatPercent(0.045)).toBe('4.5 %');
    expect(formatPercent(1)).toBe('100 %');
    expect(formatPercent(Number.NaN)).toBe('—');
  });
});

describe('trimLeadingIdle', () => {
  const p = (t: number, o: Partial<ReplicaDelayPoint> = {}): ReplicaDelayPoint => ({
    t,
    matched: 0,
    delayMeanMs: null,
    delayMaxMs: null,
    duplicates: 0,
    divergent: 0,
    onlyInA: null,
    onlyInB: null,
    ...o,
  });

  it('drops the seconds before the first tick, keeps later gaps', () => {
    const s = [
      p(1000),
      p(2000),
      p(3000, { onlyInA: 0, onlyInB: 0 }),
      p(4000),
      p(5000, { matched: 3, onlyInA: 0, onlyInB: 0 }),
    ];
    expect(trimLeadingIdle(s).map((x) => x.t)).toEqual([3000, 4000, 5000]);
    expect(trimLeadingIdle([p(1000), p(2000)])).toEqual([]);
    const busy = [p(1000, { matched: 1 })];
    expect(trimLeadingIdle(busy)).toBe(busy);
  });
});

describe('suggestionSnippet', () => {
  it('writes a replicas entry, quoting names YAML would misread', () => {
    expect(suggestionSnippet({ serverA: 'replica_a', serverB: 'replica_b', tables: ['inv.c'] })).toBe(
      [
        'replicas:',
        '  - id: replica_a-vs-replica_b',
        '    a: { serverName: replica_a }',
        '    b: { serverName: replica_b }',
      ].join('\n'),
    );
    const odd = suggestionSnippet({ serverA: 'no', serverB: 'a b: {x}', tables: [] });
    expect(odd).toContain('a: { serverName: "no" }');
    expect(odd).toContain('b: { serverName: "a b: {x}" }');
    expect(odd).toContain('id: "no-vs-a b: {x}"');
  });
});

describe('replicaKeyText', () => {
  it('writes a pairing key as every other page does', () => {
    expect(replicaKeyText('{"id":38}')).toBe('id=38');
    expect(replicaKeyText('{"a":"x","b":2}')).toBe('a=x,b=2');
    expect(replicaKeyText('plain')).toBe('plain');
    expect(replicaKeyText('{"cut…')).toBe('{"cut…');
  });
  it('links an unmatched event to the inspector by table, op and key', () => {
    expect(unmatchedEventHref('demo_a.inventory.orders', 'u', '{"id":38}')).toBe(
      '/inspector?table=demo_a.inventory.orders&op=u&key=id%3D38',
    );
  });
});
