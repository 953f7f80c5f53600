'use client';

import type { CoPartitionProblem } from '@/lib/contracts/replicas';
import { CO_PARTITION_MEANING, coPartitionLine, coPartitionTitle } from './co-partition-text';

/**
 * Cluster mode (issue #14): a replica pair whose tables' two copies of a
 * change may be read by two instances. Nothing is shown when all are
 * co-partitioned or in single-process mode (no `coPartitionProblems`).
 */
export function CoPartitionWarning({ problems }: { problems: readonly CoPartitionProblem[] | undefined }) {
  if (!problems?.length) return null;
  return (
    <div className="notice notice-warn replica-copartition" role="note" data-testid="replica-copartition">
      <strong>{coPartitionTitle(problems)}</strong>
      <p>{CO_PARTITION_MEANING}</p>
      <ul>
        {problems.map((p) => (
          <li
            key={`${p.table}|${p.topicA ?? ''}|${p.sourceA ?? ''}`}
            className="mono"
            data-testid="replica-copartition-table"
          >
            {coPartitionLine(p)}
          </li>
        ))}
      </ul>
    </div>
  );
}
