'use client';

import Link from 'next/link';
import { ThroughputChart } from '../charts/throughput-chart';
import { LagChart } from '../charts/lag-chart';
import { useTable } from '../realtime/use-table';
import { schemaHref } from '../realtime/fetch-json';
import { QueryStatus } from '../ui/query-status';
import { useThrottled } from '../use-throttled';
import { EventsTable } from './events-table';
import { LagTiles } from './lag-tiles';
import { LAG_HELP, LagDefinitions } from '../lag/lag-definitions';
import { TableStatsTiles } from './table-stats-tiles';
import { useBehindSeconds } from './use-behind-seconds';

/** Charts redraw at most once a second: their buckets are one second wide. */
const CHART_REFRESH_MS = 1000;

export function TablePage({ tableKey }: { tableKey: string }) {
  const { detail, events, notFound } = useTable(tableKey);
  const d = detail.data;
  const throughput = useThrottled(d?.throughput, CHART_REFRESH_MS);
  const lagSeries = useThrottled(d?.lagSeries, CHART_REFRESH_MS);
  const behindSeconds = useBehindSeconds(d?.sourceIds);

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/">Overview</Link> / <span>{tableKey}</span>
      </nav>
      <div className="title-row">
        <h1 data-testid="table-page-title">{tableKey}</h1>
        {d?.serverName && <span className="badge">server {d.serverName}</span>}
        {d && d.table !== tableKey && <span className="badge">table {d.table}</span>}
        <Link href={schemaHref(tableKey)} data-testid="table-schema-link">
          Schema timeline
        </Link>
      </div>

      {!d && notFound && (
        <p className="notice notice-error" role="alert" data-testid="table-not-found">
          No table “{tableKey}” is known to cdcscope (yet). It appears once one of its events arrives.{' '}
          <Link href="/">Back to the overview</Link>
        </p>
      )}
      {!notFound && <QueryStatus query={detail} what="the table" />}

      {d && (
        <>
          <TableStatsTiles t={d} />
          <section className="panel" aria-labelledby="where-heading">
            <div className="panel-head">
              <h2 id="where-heading">Sources and channels</h2>
            </div>
            <div className="chips" data-testid="table-sources">
              {d.sourceIds.map((s) => (
                <span key={`s:${s}`} className="badge badge-kind">
                  {s}
                </span>
              ))}
              {d.channels.map((c) => (
                <span key={`c:${c}`} className="chip" title={c}>
                  {c}
                </span>
              ))}
            </div>
          </section>
          <div className="grid-2">
            <section className="panel" aria-labelledby="tp-heading">
              <div className="panel-head">
                <h2 id="tp-heading">Throughput by op</h2>
                <span className="muted">events/s, 1 s buckets, last 15 min</span>
              </div>
              <ThroughputChart data={throughput ?? []} label={`Throughput by op of ${tableKey}`} />
            </section>
            <section className="panel" aria-labelledby="lag-heading">
              <div className="panel-head">
                <h2 id="lag-heading">Lag</h2>
                <span className="muted">mean per second, last 15 min</span>
              </div>
              <LagChart data={lagSeries ?? []} />
            </section>
          </div>
          <section className="panel" aria-labelledby="pct-heading">
            <div className="panel-head">
              <h2 id="pct-heading">Lag percentiles</h2>
              <span className="muted" title={`${LAG_HELP.capture}\n${LAG_HELP.endToEnd}`}>
                capture = ts_ms − source.ts_ms · end-to-end = received − source.ts_ms
              </span>
            </div>
            <LagTiles lag={d.lag} clock={d.clock} behindSeconds={behindSeconds} />
            <LagDefinitions />
          </section>
        </>
      )}
      {(d || (events.data && events.data.length > 0)) && <EventsTable events={events.data ?? []} />}
    </>
  );
}
