'use client';

import Link from 'next/link';
import { memo } from 'react';
import type { TableSummary } from '@/lib/contracts/table-stats';
import { Age } from '../age';
import { Sparkline } from '../charts/sparkline';
import { formatCount, formatInteger, formatRate } from '../format';
import { tableHref } from '../realtime/fetch-json';
import { keyOf } from '../realtime/overview-merge';
import { LagTriplet } from './lag-triplet';
import { ClockNote } from '../ui/clock-note';
import { WhileBehindNote } from '../ui/while-behind-note';

/** Total of all ops (c, u, d, r, t, m); tombstones are counted apart. */
export function totalEvents(t: TableSummary): number {
  let n = 0;
  for (const v of Object.values(t.totals)) if (typeof v === 'number') n += v;
  return n;
}

export const ROW_HEIGHT = 48;

/**
 * One table in the overview list. Memoized on the summary object: the query
 * cache keeps the identity of summaries that did not change between pushes
 * (structural sharing), so only changed rows re-render.
 */
export const TableRow = memo(function TableRow({
  summary: t,
  index,
  stale = false,
  behindSeconds,
}: {
  summary: TableSummary;
  index: number;
  /** Its figures may be wrong until the server sends the row again (lib/overview/overview-apply.ts): greyed, "updating…". */
  stale?: boolean;
  /** cdcscope's own backlog on this table's source, when it is behind: end-to-end lag includes it. */
  behindSeconds?: number | undefined;
}) {
  const key = keyOf(t);
  const total = totalEvents(t);
  const { c, u, d, r } = t.totals;
  const extra = t.totals.t + t.totals.m;
  return (
    <tr
      className={stale ? 'row row-stale' : 'row'}
      data-testid="table-row"
      data-table={key}
      data-stale={stale || undefined}
      aria-rowindex={index + 2}
    >
      <td className="cell-name" title={key}>
        <Link href={tableHref(key)} prefetch={false}>
          {key}
        </Link>
        {stale && (
          <span
            className="stale-note"
            data-testid="row-updating"
            title="These figures may be out of date: the server is sending this row again"
          >
            updating…
          </span>
        )}
        {t.clockTable === true && (
          <span
            className="badge badge-kind"
            data-testid="clock-table-badge"
            title="This connector's heartbeat clock table: its rows are clock ticks, not data (Lag page, Source clocks)"
          >
            clock
          </span>
        )}
      </td>
      <td title={`sources: ${t.sourceIds.join(', ')}\nchannels: ${t.channels.join(', ')}`}>
        <span className="sub mono" style={{ color: 'inherit' }}>
          {t.sourceIds.join(', ')}
        </span>
        <span className="sub mono">{t.channels.join(', ')}</span>
      </td>
      <td className="num" data-testid="table-rate" data-value={t.rate}>
        {formatRate(t.rate)}
      </td>
      <td>
        <Sparkline values={t.spark} width={112} />
      </td>
      <td
        title={`c ${formatInteger(c)} · u ${formatInteger(u)} · d ${formatInteger(d)} · r ${formatInteger(r)}${extra ? ` · other ${formatInteger(extra)}` : ''} · tombstones ${formatInteger(t.tombstones)}`}
      >
        <span className="num" data-testid="table-total" data-value={total} style={{ fontWeight: 600, marginRight: 8 }}>
          {formatInteger(total)}
        </span>
        <span className="op-totals" style={{ display: 'inline-flex' }}>
          <span className="t-c">{formatCount(c)}</span>
          <span className="t-u">{formatCount(u)}</span>
          <span className="t-d">{formatCount(d)}</span>
          <span className="t-r">{formatCount(r)}</span>
        </span>
      </td>
      <td>
        <LagTriplet lag={t.lag.capture.m1} />
        <ClockNote clock={t.clock} />
      </td>
      <td>
        <LagTriplet lag={t.lag.endToEnd.m1} />
        <ClockNote clock={t.clock} />
        <WhileBehindNote seconds={behindSeconds} />
      </td>
      <td>
        <Age at={t.lastEventAt} />
      </td>
      <td className="num">
        {t.undecodable > 0 ? (
          <span className="hot">{formatInteger(t.undecodable)}</span>
        ) : (
          <span className="muted">0</span>
        )}
      </td>
    </tr>
  );
});
