'use client';

import type { ReplicaDelayPoint } from '@/lib/contracts/replicas';
import { REPLICA_COLORS } from '../charts/replica-colors';
import { SeriesChart, type SeriesSpec } from '../charts/series-chart';
import { useStaggered } from '../use-staggered';

const DELAY: readonly SeriesSpec[] = [
  { key: 'delayMeanMs', name: 'mean delay', color: REPLICA_COLORS.delayMean },
  { key: 'delayMaxMs', name: 'max delay', color: REPLICA_COLORS.delayMax },
];
const MATCHED: readonly SeriesSpec[] = [{ key: 'matched', name: 'matched/s', color: REPLICA_COLORS.matched }];
const PROBLEMS: readonly SeriesSpec[] = [
  { key: 'duplicates', name: 'duplicates/s', color: REPLICA_COLORS.duplicates },
  { key: 'divergent', name: 'divergent/s', color: REPLICA_COLORS.divergent },
];
const ONLY_IN: readonly SeriesSpec[] = [
  { key: 'onlyInA', name: 'only in A', color: REPLICA_COLORS.onlyInA, curve: 'stepAfter' },
  { key: 'onlyInB', name: 'only in B', color: REPLICA_COLORS.onlyInB, curve: 'stepAfter' },
];

/**
 * Apart, the four charts' redraws each take a task of their own (the series changes for all four once a
 * second): drawn in one task they were the page's longest task, four recharts trees recomputed back to back.
 * A chart shows its second at most 3 × 200 ms after the first one does.
 */
const STAGGER_MS = 200;

/** The pair's per-second series: delay, matches, duplicates/divergence, only-in gauges. */
export function PairCharts({ series, pairId }: { series: readonly ReplicaDelayPoint[]; pairId: string }) {
  const matched = useStaggered(series, STAGGER_MS);
  const problems = useStaggered(series, 2 * STAGGER_MS);
  const onlyIn = useStaggered(series, 3 * STAGGER_MS);
  return (
    <div className="grid-2" data-testid="replica-charts">
      <section className="panel" aria-labelledby="delay-chart-heading">
        <div className="panel-head">
          <h2 id="delay-chart-heading">Delay A ⇄ B</h2>
          <span className="muted">mean and max per second of the copies matched in it</span>
        </div>
        <SeriesChart data={series} series={DELAY} unit="duration" label={`Delay between the copies of ${pairId}`} />
      </section>
      <section className="panel" aria-labelledby="matched-chart-heading">
        <div className="panel-head">
          <h2 id="matched-chart-heading">Matched</h2>
          <span className="muted">events seen on both sides, per second</span>
        </div>
        <SeriesChart data={matched} series={MATCHED} label={`Matched events per second of ${pairId}`} />
      </section>
      <section className="panel" aria-labelledby="problems-chart-heading">
        <div className="panel-head">
          <h2 id="problems-chart-heading">Duplicates and divergence</h2>
          <span className="muted">per second</span>
        </div>
        <SeriesChart
          data={problems}
          series={PROBLEMS}
          label={`Duplicates and divergent matches per second of ${pairId}`}
        />
      </section>
      <section className="panel" aria-labelledby="onlyin-chart-heading">
        <div className="panel-head">
          <h2 id="onlyin-chart-heading">Only in A / only in B</h2>
          <span className="muted">gauges: events past the grace period without their other copy</span>
        </div>
        <SeriesChart data={onlyIn} series={ONLY_IN} label={`Only-in-A and only-in-B gauges of ${pairId}`} />
      </section>
    </div>
  );
}
