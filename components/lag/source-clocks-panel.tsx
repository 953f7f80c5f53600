'use client';

import type { SourceClock } from '@/lib/contracts/source-clock';
import { Age } from '../age';
import { formatDuration, formatInteger } from '../format';
import { ClockNote } from '../ui/clock-note';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { LAG_HELP } from './lag-definitions';

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'Server', width: 200 },
  { label: 'Connector', width: 100 },
  {
    label: 'Commit clock',
    width: 260,
    title: 'Step of source.ts_ms / ts_us, detected from the data: whole seconds make capture and end-to-end lag ±1 s',
  },
  {
    label: 'Heartbeat clock',
    width: 200,
    title:
      "The connector's clock table: rows the database writes with its own millisecond time (NOW(3), clock_timestamp()); configured under lag.connectors, or detected by the name heartbeat",
  },
  {
    label: 'Heartbeat end-to-end',
    width: 170,
    num: true,
    title: `p50 · p95 over 5 min, to the millisecond whatever the binlog resolution. ${LAG_HELP.heartbeat}`,
  },
  {
    label: 'Heartbeat capture',
    width: 150,
    num: true,
    title: "p50 · p95 over 5 min of the connector's ts_ms − the database time in the row",
  },
  {
    label: 'Skew bound',
    width: 170,
    num: true,
    title: `${LAG_HELP.skew}. Clocks on one host show the pipeline's fastest transit.`,
  },
  {
    label: 'Negative lag',
    width: 190,
    num: true,
    title:
      'Changes whose capture lag (ts_ms − commit) or end-to-end lag (arrival − commit) came out below zero: a clock ahead of the one it is compared with. Lag percentiles record them as 0; they are counted here.',
  },
];

/** "1 s" / "1 ms" / "1 µs" for a clock step. */
function stepText(ms: number | null): string {
  if (ms === null) return 'not known yet';
  if (ms >= 1000) return `${String(ms / 1000)} s`;
  if (ms >= 1) return `${String(ms)} ms`;
  return `${String(Math.round(ms * 1000))} µs`;
}

function spreadText(s: { p50: number; p95: number } | null): string {
  return s === null ? '—' : `${formatDuration(s.p50)} · ${formatDuration(s.p95)}`;
}

/** The heartbeat clock's four cells, or a hint when the connector captures no clock table. */
function HeartbeatCells({ heartbeat: h }: { heartbeat: SourceClock['heartbeat'] }) {
  if (h === undefined)
    return (
      <>
        <td
          className="muted"
          title="No row of a clock table in the last 5 minutes: capture a heartbeat table written with NOW(3) and declare it under lag.connectors (or name it heartbeat)"
        >
          none
        </td>
        <td className="num muted">—</td>
        <td className="num muted">—</td>
        <td className="num muted">—</td>
      </>
    );
  const skew = h.skew.dbBehindAtMostMs;
  return (
    <>
      <td className="mono" title={`${h.table}.${h.column} (${h.configured ? 'configured' : 'detected'})`}>
        {h.table}.{h.column}
        <span className="sub">
          {h.samples} rows · last <Age at={h.lastAt} />
        </span>
      </td>
      <td className="num" data-testid="heartbeat-e2e" data-p50={h.endToEnd.p50}>
        {spreadText(h.endToEnd)}
      </td>
      <td className="num" data-testid="heartbeat-capture">
        {spreadText(h.capture)}
      </td>
      <td className="num" data-testid="heartbeat-skew" data-value={skew}>
        {skew >= 0 ? `db ≤ ${formatDuration(skew)} behind` : `db ≥ ${formatDuration(-skew)} ahead`}
      </td>
    </>
  );
}

/**
 * Each connector's commit clock: how precise it is (what every capture and
 * end-to-end figure from it is good to) and how often its lag came out
 * negative (clock skew), from the `clocks` of the lag snapshot.
 */
export function SourceClocksPanel({ clocks }: { clocks: readonly SourceClock[] }) {
  return (
    <section className="panel" aria-labelledby="source-clocks-heading" data-testid="source-clocks">
      <div className="panel-head">
        <h2 id="source-clocks-heading">Source clocks</h2>
        <span className="muted">
          how precise each connector&apos;s commit time is, its heartbeat clock (lag to the millisecond), clock skew,
          and how often lag came out negative
        </span>
      </div>
      {clocks.length === 0 ? (
        <p className="notice">No change with a commit time has been seen yet.</p>
      ) : (
        // Focusable, so a keyboard can scroll a table wider than the screen (it has no link to land on).
        <div className="events-scroll" tabIndex={0} role="region" aria-label="Source clocks, scrollable">
          <table className="data-table lag-table" data-testid="source-clocks-table">
            <TableColumns columns={COLUMNS} />
            <tbody>
              {clocks.map((c) => {
                const n = c.negative;
                const negatives = n.capture + n.endToEnd;
                return (
                  <tr
                    key={c.serverName}
                    className="row"
                    data-testid="source-clock-row"
                    data-server={c.serverName}
                    data-resolution={c.clock.resolutionMs ?? ''}
                  >
                    <td className="mono" title={c.serverName}>
                      {c.serverName}
                      {c.replicaSide !== undefined && <span className="sub">{c.replicaSide}</span>}
                    </td>
                    <td>{c.connector ?? <span className="muted">—</span>}</td>
                    <td data-testid="source-clock-resolution">
                      {stepText(c.clock.resolutionMs)}
                      <ClockNote clock={c.clock} long />
                    </td>
                    <HeartbeatCells heartbeat={c.heartbeat} />
                    <td className="num" data-testid="source-clock-negative" data-value={negatives}>
                      {negatives === 0 ? (
                        <span className="muted">0 of {formatInteger(n.samples)}</span>
                      ) : (
                        <span
                          className="hot"
                          title={`capture ${formatInteger(n.capture)}, end-to-end ${formatInteger(n.endToEnd)} of ${formatInteger(n.samples)} changes; worst ${formatDuration(n.minMs)}`}
                        >
                          {formatInteger(n.capture)} / {formatInteger(n.endToEnd)} · worst {formatDuration(n.minMs)}{' '}
                          <Age at={n.lastAt} />
                        </span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
