import { describe, expect, it } from 'vitest';
import { SERIES_SECONDS } from '../analytics/second-ring';
import { createPairSeries } from './pair-series';
import { matchesSide, sideOf } from './side-selector';
import { mariaChange } from './fixtures/replica-changes';

const T0 = 1_700_000_000_000;

describe('pair series', () => {
  it('buckets matches, delays and gauges per second, with null where nothing was sampled', () => {
    const s = createPairSeries();
    s.match(100, T0 + 10);
    s.match(300, T0 + 900);
    s.duplicate(T0 + 950);
    s.gauges(4, 1, T0 + 999);
    s.divergent(T0 + 1_500);
    const [first, second] = s.points(T0 + 1_999, 2);
    expect(first).toEqual({
      t: T0,
      matched: 2,
      delayMeanMs: 200,
      delayMaxMs: 300,
      duplicates: 1,
      divergent: 0,
      onlyInA: 4,
      onlyInB: 1,
    });
    expect(second).toEqual({
      t: T0 + 1_000,
      matched: 0,
      delayMeanMs: null,
      delayMaxMs: null,
      duplicates: 0,
      divergent: 1,
      onlyInA: null,
      onlyInB: null,
    });
  });

  it('forgets seconds older than the ring and clears skipped ones', () => {
    const s = createPairSeries();
    s.match(5, T0);
    s.match(5, T0 + SERIES_SECONDS * 1_000);
    const points = s.points(T0 + SERIES_SECONDS * 1_000);
    expect(points).toHaveLength(SERIES_SECONDS);
    expect(points.reduce((n, p) => n + p.matched, 0)).toBe(1);
    // A clock far behind the ring writes nothing.
    s.match(5, T0 - 10_000_000);
    expect(s.points(T0 + SERIES_SECONDS * 1_000).reduce((n, p) => n + p.matched, 0)).toBe(1);
  });
});

describe('side selectors', () => {
  it('needs every set field to match, and refuses a record matching both sides', () => {
    const rec = mariaChange({ side: 'b' });
    expect(matchesSide(rec, { serverName: 'replica_b' })).toBe(true);
    expect(matchesSide(rec, { serverName: 'replica_b', sourceId: 'other' })).toBe(false);
    expect(matchesSide(rec, {})).toBe(false);
    expect(sideOf(rec, { sourceId: rec.sourceId }, { serverName: 'replica_b' })).toBeUndefined();
    expect(sideOf(rec, { serverName: 'replica_a' }, { sourceId: rec.sourceId })).toBe('b');
  });
});
