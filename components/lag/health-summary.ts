import type { ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import type { ReplicaPairSummary } from '@/lib/contracts/replicas';
import { pairNeedsAttention } from '../replicas/replica-format';
import { connectorsStalled, consumersNotOk } from './lag-status';

/** What the overview's health badges (components/overview/health-badges.tsx) say. */
export interface HealthBadge {
  kind: 'replicas' | 'replicas-split' | 'consumers' | 'connectors';
  href: string;
  /** Things in trouble (0: all fine). */
  count: number;
  /** The figure shown: the trouble count, or what is watched when all is fine. */
  figure: number;
  /** Words after the figure. */
  text: string;
}

const plural = (n: number, word: string) => (n === 1 ? word : `${word}s`);

/** The badges to show: one per kind that has anything to watch. Pure, for tests. */
export function healthBadges(
  pairs: readonly ReplicaPairSummary[] | undefined,
  lag: ConsumerLagSnapshot | undefined,
): HealthBadge[] {
  const out: HealthBadge[] = [];
  const badge = (
    kind: HealthBadge['kind'],
    href: string,
    count: number,
    of: number,
    bad: string,
    good: string,
  ): HealthBadge =>
    count > 0
      ? { kind, href, count, figure: count, text: `of ${of} ${bad}` }
      : { kind, href, count, figure: of, text: good };
  if (pairs && pairs.length > 0) {
    const m = pairs.length;
    const n = pairs.filter(pairNeedsAttention).length;
    out.push(
      badge(
        'replicas',
        '/replicas',
        n,
        m,
        `${plural(m, 'replica pair')} with events on one side only or divergent`,
        `${plural(m, 'replica pair')} consistent`,
      ),
    );
    // Cluster mode: a pair not co-partitioned has figures no instance can vouch for (components/replicas/co-partition-text.ts).
    const split = pairs.filter((p) => (p.coPartitionProblems?.length ?? 0) > 0).length;
    if (split > 0)
      out.push({
        kind: 'replicas-split',
        href: '/replicas',
        count: split,
        figure: split,
        text: `of ${m} ${plural(m, 'replica pair')} split across instances (not co-partitioned)`,
      });
  }
  if (lag) {
    const w = lag.kafka.length + lag.jetstream.length;
    if (w > 0)
      out.push(
        badge(
          'consumers',
          '/lag',
          consumersNotOk(lag),
          w,
          `${plural(w, 'consumer')} not OK`,
          `${plural(w, 'consumer')} OK`,
        ),
      );
    const m = lag.connectors.length;
    if (m > 0)
      out.push(
        badge(
          'connectors',
          '/lag',
          connectorsStalled(lag),
          m,
          `${plural(m, 'connector')} stalled`,
          `${plural(m, 'connector')} alive`,
        ),
      );
  }
  return out;
}
