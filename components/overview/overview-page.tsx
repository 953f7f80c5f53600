'use client';

import { useOverview } from '../realtime/use-overview';
import { OverviewThroughput } from './overview-throughput';
import { SourcesPanel } from './sources-panel';
import { TableList } from './table-list';

export function OverviewPage() {
  const { data, error, isPending } = useOverview();
  return (
    <>
      <h1 className="visually-hidden">Overview</h1>
      {error && !data && (
        <p className="notice notice-error" role="alert">
          Could not load the overview: {error.message}. Retrying…
        </p>
      )}
      {isPending && <p className="notice">Loading sources and tables…</p>}
      {data && (
        <>
          <SourcesPanel sources={data.sources} />
          <OverviewThroughput tables={data.tables} />
          <TableList tables={data.tables} />
        </>
      )}
    </>
  );
}
