'use client';

import Link from 'next/link';
import { memo, useMemo } from 'react';
import type { ReplicaTableStats } from '@/lib/contracts/replicas';
import { formatDuration, formatInteger } from '../format';
import { replicaPairPath } from '../realtime/use-replicas';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { countClass, countsLevel } from './replica-format';

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'Table', width: 260 },
  { label: 'Matched', width: 96, num: true },
  { label: 'Dup A', width: 76, num: true, title: 'Duplicates on side A' },
  { label: 'Dup B', width: 76, num: true, title: 'Duplicates on side B' },
  {
    label: 'Only in A',
    width: 88,
    num: true,
    title: 'Past the grace period on A without a copy on B: potential loss on B',
  },
  {
    label: 'Only in B',
    width: 88,
    num: true,
    title: 'Past the grace period on B without a copy on A: potential loss on A',
  },
  { label: 'Divergent', width: 100, num: true },
  { label: 'Mean delay', width: 100, num: true, title: 'Mean delay between the two copies' },
];

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function Count({ n, level }: { n: number; level: 'warn' | 'err' }) {
  const cls = countClass(n, level);
  return cls ? <span className={cls}>{formatInteger(n)}</span> : <span className="muted">{formatInteger(n)}</span>;
}

/** One table of a pair. Memoized: the query cache keeps unchanged tables' identity between pushes. */
const PairTableRow = memo(function PairTableRow({ pairId, t }: { pairId: string; t: ReplicaTableStats }) {
  const level = countsLevel(t);
  const onlyA = t.a.onlyIn;
  const onlyB = t.b.onlyIn;
  return (
    <tr
      className={level === 'ok' ? 'row' : `row row-${level}`}
      data-testid="replica-table-row"
      data-table={t.table}
      data-level={level}
    >
      <td className="cell-name" title={t.table}>
        <Link href={`/replicas/${replicaPairPath(pairId)}?table=${encodeURIComponent(t.table)}`} prefetch={false}>
          {t.table}
        </Link>
      </td>
      <td className="num" data-value={t.matched}>
        {formatInteger(t.matched)}
      </td>
      <td className="num" data-value={t.a.duplicates}>
        <Count n={t.a.duplicates} level="warn" />
      </td>
      <td className="num" data-value={t.b.duplicates}>
        <Count n={t.b.duplicates} level="warn" />
      </td>
      <td className="num" data-value={onlyA} title={t.a.lost > 0 ? `${formatInteger(t.a.lost)} lost` : undefined}>
        <Count n={onlyA} level="err" />
        {t.a.lost > 0 && <span className="hot sub-count"> +{formatInteger(t.a.lost)} lost</span>}
      </td>
      <td className="num" data-value={onlyB} title={t.b.lost > 0 ? `${formatInteger(t.b.lost)} lost` : undefined}>
        <Count n={onlyB} level="err" />
        {t.b.lost > 0 && <span className="hot sub-count"> +{formatInteger(t.b.lost)} lost</span>}
      </td>
      <td className="num" data-value={t.divergent}>
        <Count n={t.divergent} level="err" />
      </td>
      <td className="num">{formatDuration(t.delayMeanMs)}</td>
    </tr>
  );
});

/** A pair's tables with their counters, problems coloured (red: only-in/lost/divergent, amber: duplicates/evicted). */
export function PairTablesTable({
  pairId,
  tables,
  overflow,
}: {
  pairId: string;
  tables: readonly ReplicaTableStats[];
  overflow?: boolean;
}) {
  const rows = useMemo(() => tables.slice().sort((x, y) => cmp(x.table, y.table)), [tables]);
  const width = COLUMNS.reduce((s, c) => s + c.width, 0);
  if (rows.length === 0) return <p className="notice">No table of this pair has been compared yet.</p>;
  return (
    <div className="replica-tables-scroll">
      <table className="data-table replica-tables" style={{ minWidth: width }} data-testid="replica-tables">
        <TableColumns columns={COLUMNS} />
        <tbody>
          {rows.map((t) => (
            <PairTableRow key={t.table} pairId={pairId} t={t} />
          ))}
        </tbody>
      </table>
      {overflow && (
        <p className="muted table-note">
          More tables than the pair tracks one by one: the rest are counted together under “*”.
        </p>
      )}
    </div>
  );
}
