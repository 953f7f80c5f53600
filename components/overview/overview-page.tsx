'use client';

import { useMemo } from 'react';
import { behindSources } from '@/lib/analytics/lag-while-behind';
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
          <TableList tables={data.tables} staleRows={data.staleRows} behind={behind} />
          <TransactionsPanel />
          <OutboxPanel />
        </>
      )}
    </>
  );
}
