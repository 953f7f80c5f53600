import type { LagPercentiles, TableSummary } from '@/lib/contracts/table-stats';
import { formatDuration, formatInteger } from '../format';

function LagTile({ title, lag, testId }: { title: string; lag: LagPercentiles; testId: string }) {
  const rows: [string, number | null][] = [
    ['p50', lag.p50],
    ['p95', lag.p95],
    ['p99', lag.p99],
    ['max', lag.max],
  ];
  return (
    <div className="tile lag-tile" data-testid={testId}>
      <div className="tile-label">{title}</div>
      <table>
        <caption className="visually-hidden">{title}</caption>
        <tbody>
          {rows.map(([name, v]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{formatDuration(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="tile-sub">{formatInteger(lag.count)} samples</div>
    </div>
  );
}

/** Capture and end-to-end lag percentiles over the last 1 and 5 minutes. */
export function LagTiles({ lag }: { lag: TableSummary['lag'] }) {
  return (
    <div className="lag-tiles">
      <LagTile title="Capture lag · 1 min" lag={lag.capture.m1} testId="lag-capture-m1" />
      <LagTile title="Capture lag · 5 min" lag={lag.capture.m5} testId="lag-capture-m5" />
      <LagTile title="End-to-end lag · 1 min" lag={lag.endToEnd.m1} testId="lag-e2e-m1" />
      <LagTile title="End-to-end lag · 5 min" lag={lag.endToEnd.m5} testId="lag-e2e-m5" />
    </div>
  );
}
