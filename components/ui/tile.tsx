import type { ReactNode } from 'react';
import type { LagPercentiles } from '@/lib/contracts/table-stats';
import { formatDuration, formatInteger } from '../format';

interface TileProps {
  label: string;
  children: ReactNode;
  sub?: ReactNode;
  testId?: string;
  value?: number;
  /** Smaller value text, for two numbers in one tile. */
  compact?: boolean;
  /** Colours the whole tile: red for potential loss/divergence, amber for warnings. */
  tone?: 'err' | 'warn';
  title?: string;
}

/** A labelled figure (`tile` classes), shared by the table page and the replica pages so both stay alike. */
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

interface PercentileTileProps {
  title: string;
  /** Absent before the first window is computed: every figure shows a dash, the count 0. */
  lag: LagPercentiles | undefined;
  testId?: string;
  /** What the window counts, after its count: `samples` (table lag) or `matches` (replica delay). */
  countLabel: string;
  /** A caveat on the figures (e.g. measured while cdcscope itself was behind), after the count. */
  note?: ReactNode;
}

/** p50 / p95 / p99 / max of one lag or delay window. */
export function PercentileTile({ title, lag, testId, countLabel, note }: PercentileTileProps) {
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
      <div className="tile-sub">
        {formatInteger(lag?.count ?? 0)}
        {` ${countLabel}`}
        {note}
      </div>
    </div>
  );
}
