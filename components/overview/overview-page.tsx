'use client';

import { useMemo } from 'react';
import type { SourceSummary } from '@/lib/contracts/source-status';
import { useOverview } from '../realtime/use-overview';
import { QueryStatus } from '../ui/query-status';
import { OutboxPanel } from './outbox-panel';
import { AuthOffNote } from './auth-off-note';
import { OverviewThroughput } from './overview-throughput';
import { SourcesPanel } from './sources-panel';
import { TableList } from './table-list';
import { TransactionsPanel } from './transactions-panel';

export function OverviewPage() {
  const query = useOverview();
  const { data } = query;
  const behind = useMemo(() => behindSources(data?.sources ?? []), [data?.sources]);
  return (
    <>
      <h1 className="visually-hidden">Overview</h1>
      <AuthOffNote />
      <QueryStatus query={query} what="sources and tables" />
      {data && (
        <>
          <SourcesPanel sources={data.sources} />
          <OverviewThroughput tables={data.tables} />
          <TableList tables={data.tables} behind={behind} />
          <TransactionsPanel />
          <OutboxPanel />
        </>
      )}
    </>
  );
}

/** Sources cdcscope is behind on (their own backlog), with the backlog in seconds. */
function behindSources(sources: readonly SourceSummary[]): ReadonlyMap<string, number> {
  const out = new Map<string, number>();
  for (const s of sources) if (s.backlog?.behind === true) out.set(s.id, s.backlog.seconds);
  return out;
}
