import type { ReactNode } from 'react';
import type { LagPercentiles } from '@/lib/contracts/table-stats';
import { formatDuration, formatInteger } from '../format';

interface TileProps {
  label: string;
  children: ReactNode;
  sub?: ReactNode;
  testId?: string;
  value?: number;
  compact?: boolean;
  /** Colours the whole tile: red for potential loss/divergence, amber for warnings. */
  tone?: 'err' | 'warn';
  title?: string;
}

/** A labelled figure, as on the table page (same `tile` classes). */
export function Tile({ label, children, sub, testId, value, compact, tone, title }: TileProps) {
  return (
    <div className={tone ? `tile tile-${tone}` : 'tile'} title={title}>
      <div className="tile-label">{label}</div>
      <div className={compact ? 'tile-value compact' : 'tile-value'} data-testid={testId} data-value={value}>
        {children}
      </div>
      {sub != null && <div className="tile-sub">{sub}</div>}
    </div>
  );
}

/** p50 / p95 / p99 / max of one delay window. */
export function DelayTile({ title, lag, testId }: { title: string; lag: LagPercentiles | undefined; testId?: string }) {
  const rows: [string, number | null | undefined][] = [
    ['p50', lag?.p50],
    ['p95', lag?.p95],
    ['p99', lag?.p99],
    ['max', lag?.max],
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
      <div className="tile-sub">{formatInteger(lag?.count ?? 0)} matches</div>
    </div>
  );
}
