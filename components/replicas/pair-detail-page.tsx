'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo } from 'react';
import { formatDuration } from '../format';
import { replicaPairPath, useReplicaPair, useReplicaTable } from '../realtime/use-replicas';
import { QueryStatus } from '../ui/query-status';
import { useThrottled } from '../use-throttled';
import { DivergentList } from './divergent-list';
import { PairDelayTiles, PairSides } from './pair-card';
import { PairCharts } from './pair-charts';
import { CoPartitionWarning } from './co-partition-warning';
import { PairTotals } from './pair-totals';
import { pairVerdict, sideName, trimLeadingIdle } from './replica-format';
import { UnmatchedList } from './unmatched-list';

/** Charts redraw at most once a second: their buckets are one second wide. */
const CHART_REFRESH_MS = 1000;
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One replica pair: per-second charts, the events seen on one side only and
 * the divergent matches with their field diffs. `table` narrows the counters
 * and lists to one table (`GET /api/replicas/:pair/:table`); the series is
 * per pair, so the charts always show the whole pair.
 */
export function PairDetailPage({ pairId, table }: { pairId: string; table: string | null }) {
  const router = useRouter();
  const pairQ = useReplicaPair(pairId);
  const tableQ = useReplicaTable(pairId, table);
  const p = pairQ.data;
  const series = useThrottled(p?.series, CHART_REFRESH_MS);
  const chartData = useMemo(() => trimLeadingIdle(series ?? []), [series]);
  const tableNames = useMemo(() => {
    const names = (p?.tables ?? []).map((t) => t.table).sort(cmp);
    if (table !== null && !names.includes(table)) names.unshift(table);
    return names;
  }, [p?.tables, table]);

  const base = `/replicas/${replicaPairPath(pairId)}`;
  const onFilter = (value: string) =>
    router.replace(value ? `${base}?table=${encodeURIComponent(value)}` : base, { scroll: false });

  const t = tableQ.data;
  const filtered = table !== null;
  const counts = filtered ? t?.table : p?.totals;
  const onlyInA = filtered ? t?.onlyInA : p?.onlyInA;
  const onlyInB = filtered ? t?.onlyInB : p?.onlyInB;
  const divergent = filtered ? t?.divergentPairs : p?.divergentPairs;
  const nameA = p ? sideName(p.sides.a.selector, 'a') : 'A';
  const nameB = p ? sideName(p.sides.b.selector, 'b') : 'B';
  const verdict = p ? pairVerdict(p.totals) : null;

  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/replicas">Replicas</Link> / {filtered ? <Link href={base}>{pairId}</Link> : <span>{pairId}</span>}
        {filtered && (
          <>
            {' '}
            / <span>{table}</span>
          </>
        )}
      </nav>
      <div className="title-row">
        <h1 data-testid="replica-pair-title">{pairId}</h1>
        {verdict && (
          <span className={`badge badge-tone-${verdict.level}`} data-testid="replica-verdict">
            {verdict.text}
          </span>
        )}
        {p && (
          <span className="muted">
            grace {formatDuration(p.limits.graceMs)} · given up after {formatDuration(p.limits.maxPendingAgeMs)}
          </span>
        )}
        {p && (
          <div className="title-row-end toolbar">
            <label htmlFor="replica-table-filter" className="muted">
              Table
            </label>
            <select
              id="replica-table-filter"
              className="filter-input select-input"
              value={table ?? ''}
              onChange={(e) => onFilter(e.target.value)}
              data-testid="replica-table-filter"
            >
              <option value="">All tables</option>
              {tableNames.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        )}
      </div>

      {!p && pairQ.notFound && (
        <p className="notice notice-error" role="alert" data-testid="replica-pair-not-found">
          No replica pair “{pairId}” is configured. <Link href="/replicas">Back to the replica pairs</Link>
        </p>
      )}
      {!pairQ.notFound && <QueryStatus query={pairQ} what="the replica pair" />}

      {p && (
        <>
          <section className="panel" aria-label="Sides">
            <PairSides pair={p} />
          </section>
          <CoPartitionWarning
            problems={
              filtered
                ? p.coPartitionProblems?.filter((x) => x.table === table || x.table === '*')
                : p.coPartitionProblems
            }
          />

          {filtered && tableQ.notFound && (
            <p className="notice notice-error" role="alert" data-testid="replica-table-not-found">
              The pair has not compared a table “{table}” (yet). <Link href={base}>Show all tables</Link>
            </p>
          )}
          {filtered && !tableQ.notFound && <QueryStatus query={tableQ} what="the table" />}

          {counts && (
            <section className="panel" aria-labelledby="totals-heading">
              <div className="panel-head">
                <h2 id="totals-heading">{filtered ? `Counters of ${table}` : 'Counters'}</h2>
                {filtered && t?.table.delayMeanMs != null && (
                  <span className="muted">mean delay {formatDuration(t.table.delayMeanMs)}</span>
                )}
              </div>
              <PairTotals
                counts={counts}
                nameA={nameA}
                nameB={nameB}
                unique={filtered ? undefined : p.unique}
                duplicateRate={filtered ? undefined : p.duplicateRate}
                pendingNow={filtered ? undefined : p.pendingNow}
                graceMs={p.limits.graceMs}
              />
              {!filtered && <PairDelayTiles delay={p.delay} />}
            </section>
          )}

          {filtered && (
            <p className="muted chart-scope-note">
              The charts show the whole pair: its series is kept per pair, not per table.
            </p>
          )}
          <PairCharts series={chartData} pairId={pairId} />

          {onlyInA && (
            <UnmatchedList
              side="a"
              events={onlyInA}
              info={p.sides.a}
              otherName={nameB}
              testId="only-in-a"
              pairId={p.pairId}
            />
          )}
          {onlyInB && (
            <UnmatchedList
              side="b"
              events={onlyInB}
              info={p.sides.b}
              otherName={nameA}
              testId="only-in-b"
              pairId={p.pairId}
            />
          )}
          {divergent && (
            <DivergentList pairs={divergent} nameA={nameA} nameB={nameB} pairId={p.pairId} sideA={p.sides.a} />
          )}
        </>
      )}
    </>
  );
}
