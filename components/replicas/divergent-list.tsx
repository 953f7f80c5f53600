'use client';

import Link from 'next/link';
import type { ReplicaSideInfo } from '@/lib/contracts/replicas';
import { pairHistoryHref, replicaKeyText } from './replica-format';
import { Fragment } from 'react';
import type { DivergentPair } from '@/lib/contracts/replicas';
import { Age } from '../age';
import { formatDuration } from '../format';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { FieldDiffTable } from '../diff/field-diff-table';
import { OpBadge } from './op-badge';

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'Table', width: 200 },
  { label: 'Key', width: 200 },
  { label: 'A copy', width: 150 },
  { label: 'B copy', width: 150 },
  { label: 'Delay', width: 90, num: true },
  { label: 'Detected', width: 110, num: true },
];

function Copy({ c }: { c: DivergentPair['a'] }) {
  return (
    <span className="divergent-copy">
      <OpBadge op={c.op} /> <span className="mono">{c.position}</span>
    </span>
  );
}

/** Matches whose copies differ, with the field diff A → B of each. */
export function DivergentList({
  pairs,
  nameA,
  nameB,
  pairId,
  sideA,
}: {
  pairs: readonly DivergentPair[];
  nameA: string;
  nameB: string;
  /** With side A's info: each key links to the pair's side-by-side row history. */
  pairId?: string;
  sideA?: ReplicaSideInfo;
}) {
  return (
    <section className="panel" aria-labelledby="divergent-heading" data-testid="divergent-list">
      <div className="panel-head">
        <h2 id="divergent-heading">Divergent pairs</h2>
        <span className="muted">
          {pairs.length === 0 ? 'none' : `${pairs.length} most recent`} · both copies arrived but differ in op, key,
          before or after · diff {nameA} → {nameB}
        </span>
      </div>
      {pairs.length === 0 ? (
        <p className="notice">No matched event differs between the two sides.</p>
      ) : (
        <div className="events-scroll">
          <table className="data-table divergent-table">
            <TableColumns columns={COLUMNS} />
            <tbody>
              {pairs.map((p) => {
                const delay =
                  typeof p.b.receivedAt === 'number' && typeof p.a.receivedAt === 'number'
                    ? p.b.receivedAt - p.a.receivedAt
                    : null;
                const count = p.diff ? p.diff.length + p.diffOmitted : null;
                const history = pairId === undefined ? null : pairHistoryHref(sideA, p.table, p.key, pairId);
                return (
                  <Fragment key={p.id}>
                    <tr data-testid="divergent-row" data-table={p.table} data-diffs={count ?? undefined}>
                      <td className="mono" title={p.table}>
                        {p.table}
                      </td>
                      <td className="mono" title={p.key}>
                        {history ? (
                          <Link href={history} prefetch={false} data-testid="replica-row-history">
                            {replicaKeyText(p.key)}
                          </Link>
                        ) : (
                          replicaKeyText(p.key) || <span className="muted">—</span>
                        )}
                      </td>
                      <td>
                        <Copy c={p.a} />
                      </td>
                      <td>
                        <Copy c={p.b} />
                      </td>
                      <td className="num">{formatDuration(delay)}</td>
                      <td className="num">
                        <Age at={p.detectedAt} />
                      </td>
                    </tr>
                    <tr className="diff-holder">
                      <td colSpan={COLUMNS.length}>
                        {p.diff === null ? (
                          <span className="muted">
                            The first copy’s content was no longer held (see <code>retainCopies</code>): no field diff.
                          </span>
                        ) : p.diff.length === 0 ? (
                          <span className="muted">No field difference recorded.</span>
                        ) : (
                          <FieldDiffTable diff={p.diff} omitted={p.diffOmitted} />
                        )}
                      </td>
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
