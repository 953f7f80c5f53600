'use client';

import { useMemo } from 'react';
import type { TableSummary } from '@/lib/contracts/table-stats';
import { Sparkline } from '../charts/sparkline';
import { ThroughputChart } from '../charts/throughput-chart';
import { formatRate } from '../format';
import { useThroughputHistory } from './use-throughput-history';

/** Throughput of all tables by op: the server's last 15 minutes, then live; seconds the page missed are gaps. */
export function OverviewThroughput({ tables }: { tables: readonly TableSummary[] }) {
  const { points, spark, isPending, error } = useThroughputHistory();
  const totalRate = useMemo(() => tables.reduce((s, t) => s + (Number.isFinite(t.rate) ? t.rate : 0), 0), [tables]);
  return (
    <section className="panel" aria-labelledby="throughput-heading">
      <div className="panel-head">
        <h2 id="throughput-heading">Throughput by op</h2>
        <span className="muted">
          all tables · events/s · last 15 min (averaged over 3 s when longer than 5 min) · “other” = truncates, logical
          messages and tombstones · a gap = seconds this page did not receive
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
      <div
        className="chart-wrap"
        data-testid="overview-chart"
        data-known={points.filter((p) => p.c !== null).length}
        data-gaps={points.filter((p) => p.c === null).length}
      >
        <ThroughputChart data={points} label="Throughput by op across all tables" />
        {points.length < 2 && (
          <p
            className={error ? 'notice notice-error chart-note' : 'muted chart-note'}
            role={error ? 'alert' : undefined}
          >
            {error
              ? `Could not load the throughput history: ${error.message}. Retrying…`
              : isPending
                ? 'Loading the last 15 minutes…'
                : 'The server has no complete second yet: the first points appear within seconds.'}
          </p>
        )}
      </div>
    </section>
  );
}
