'use client';

import { useMemo } from 'react';
import type { TableSummary } from '@/lib/contracts/table-stats';
import { Sparkline } from '../charts/sparkline';
import { ThroughputChart } from '../charts/throughput-chart';
import { formatRate } from '../format';
import { useThroughputHistory } from './use-throughput-history';

/** Sum of the tables' 60 s sparklines, aligned on their newest second. */
export function aggregateSpark(tables: readonly TableSummary[]): number[] {
  let len = 0;
  for (const t of tables) len = Math.max(len, t.spark.length);
  const out = new Array<number>(len).fill(0);
  for (const t of tables) {
    const off = len - t.spark.length;
    t.spark.forEach((v, i) => {
      out[off + i] = (out[off + i] ?? 0) + (Number.isFinite(v) ? v : 0);
    });
  }
  return out;
}

/** Throughput of all tables by op, from the totals' differences the browser has seen (up to 15 min). */
export function OverviewThroughput({ tables }: { tables: readonly TableSummary[] }) {
  const points = useThroughputHistory();
  const totalRate = useMemo(() => tables.reduce((s, t) => s + (Number.isFinite(t.rate) ? t.rate : 0), 0), [tables]);
  const spark = useMemo(() => aggregateSpark(tables), [tables]);
  return (
    <section className="panel" aria-labelledby="throughput-heading">
      <div className="panel-head">
        <h2 id="throughput-heading">Throughput by op</h2>
        <span className="muted">
          all tables · events/s · since this page started listening (max 15 min, averaged when longer than 5 min)
        </span>
        <div className="panel-head-end">
          <Sparkline values={spark} width={120} height={24} label="Total events per second, last 60 s" />
          <span className="muted">now</span>
          <strong className="num" data-testid="total-rate" data-value={totalRate}>
            {formatRate(totalRate)}
          </strong>
        </div>
      </div>
      {/* Mounted from the start, even empty: recharts' first mount is the costly part. */}
      <div className="chart-wrap">
        <ThroughputChart data={points} label="Throughput by op across all tables" />
        {points.length < 2 && (
          <p className="muted chart-note">Collecting per-op history: the first points appear within seconds.</p>
        )}
      </div>
    </section>
  );
}
