import { describe, expect, it } from 'vitest';
import type { ReplicaPairSummary } from '@/lib/contracts/replicas';
import { healthBadges } from './health-summary';
import { lagFixture } from '@/lib/contracts/fixtures/consumer-lag';

const pair = (id: string, o: { onlyInA?: number; onlyInB?: number; divergent?: number; dups?: number } = {}) =>
  ({
    pairId: id,
    totals: {
      a: { unique: 1, duplicates: 0, pending: 0, onlyIn: o.onlyInA ?? 0, lost: 0, evicted: 0 },
      b: { unique: 1, duplicates: o.dups ?? 0, pending: 0, onlyIn: o.onlyInB ?? 0, lost: 0, evicted: 0 },
      matched: 1,
      lateMatches: 0,
      divergent: o.divergent ?? 0,
      ignored: 0,
    },
  }) as ReplicaPairSummary;

describe('healthBadges', () => {
  it('counts pairs with only-in or divergence, consumers not OK, stalled connectors', () => {
    const badges = healthBadges(
      [pair('p1', { onlyInA: 1 }), pair('p2', { divergent: 2 }), pair('p3', { dups: 5 })],
      lagFixture(),
    );
    expect(badges.map((b) => [b.kind, b.count, b.figure, b.href])).toEqual([
      ['replicas', 2, 2, '/replicas'],
      ['consumers', 4, 4, '/lag'],
      ['connectors', 1, 1, '/lag'],
    ]);
    expect(badges[0]?.text).toBe('of 3 replica pairs with events on one side only or divergent');
    expect(badges[2]?.text).toBe('of 3 connectors stalled');
  });

  it('shows what is watched when all is fine, and nothing for kinds with nothing to watch', () => {
    const lag = { ...lagFixture(), kafka: [], jetstream: [], connectors: [lagFixture().connectors[1]!] };
    const badges = healthBadges([pair('p1', { onlyInB: 0 })], lag);
    expect(badges).toEqual([
      { kind: 'replicas', href: '/replicas', count: 0, figure: 1, text: 'replica pair consistent' },
      { kind: 'connectors', href: '/lag', count: 0, figure: 1, text: 'connector alive' },
    ]);
    expect(healthBadges([], undefined)).toEqual([]);
    expect(healthBadges(undefined, undefined)).toEqual([]);
  });

  it('adds a badge for pairs split across instances (cluster mode, not co-partitioned)', () => {
    const split = {
      ...pair('p2'),
      coPartitionProblems: [
        {
          kind: 'partitions' as const,
          table: 'inv.o',
          topicA: 'a.inv.o',
          topicB: 'b.inv.o',
          partitionsA: 3,
          partitionsB: 6,
          sourceA: 'k',
          sourceB: 'k',
        },
      ],
    };
    const badges = healthBadges([{ ...pair('p1'), coPartitionProblems: [] }, split], undefined);
    expect(badges.map((b) => [b.kind, b.count])).toEqual([
      ['replicas', 0],
      ['replicas-split', 1],
    ]);
    expect(badges[1]?.text).toBe('of 2 replica pairs split across instances (not co-partitioned)');
  });
});
