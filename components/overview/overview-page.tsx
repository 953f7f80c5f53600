'use client';

import { useOverview } from '../realtime/use-overview';
import { QueryStatus } from '../ui/query-status';
import { OutboxPanel } from './outbox-panel';
import { AuthOffNote } from './auth-off-note';
import { OverviewThroughput } from './overview-throughput';
import { SourcesPanel } from './sources-panel';
import { TableList } from './table-list';

export function OverviewPage() {
  const query = useOverview();
  const { data } = query;
  return (
    <>
      <h1 className="visually-hidden">Overview</h1>
      <AuthOffNote />
      <QueryStatus query={query} what="sources and tables" />
      {data && (
        <>
          <SourcesPanel sources={data.sources} />
          <OverviewThroughput tables={data.tables} />
          <TableList tables={data.tables} />
          <OutboxPanel />
        </>
      )}
    </>
  );
}
