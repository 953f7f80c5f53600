'use client';

import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { tableSchemaResponseSchema, type ColumnShape } from '@/lib/contracts/table-schema';
import { formatClock } from '../format';
import { fetchJson, HttpError, tableHref, tableSegment } from '../realtime/fetch-json';
import { QueryStatus } from '../ui/query-status';
import { ScrollRegion } from '../ui/scroll-region';
import { BASIS_LABEL, describeChange, timelineOf, type TimelineItem } from './schema-timeline';

/** Re-read every 5 s: a table's shape changes rarely, and the answer is a few KB. */
const SCHEMA_REFRESH_MS = 5_000;

function optionality(c: ColumnShape): string {
  return c.optional === undefined ? '' : c.optional ? 'optional' : 'required';
}

function Item({ item }: { item: TimelineItem }) {
  if (item.kind === 'ddl') {
    const d = item.ddl;
    return (
      <li data-testid="schema-ddl" data-type={d.type ?? ''}>
        <span className="mono">{formatClock(item.at)}</span> <span className="badge">DDL {d.type ?? ''}</span>{' '}
        <code className="mono">{d.ddl}</code>
        {d.truncated === true && <span className="muted"> (cut)</span>}
      </li>
    );
  }
  const v = item.version;
  return (
    <li data-testid="schema-version" data-basis={v.basis}>
      <span className="mono">{formatClock(item.at)}</span>{' '}
      <span className={v.changes.length > 0 ? 'badge badge-drift' : 'badge'}>
        {item.first ? 'first seen' : v.changes.length > 0 ? 'shape changed' : 'shape read anew'}
      </span>{' '}
      <span className="muted">
        {v.columns.length} columns, from {BASIS_LABEL[v.basis]}
      </span>
      {v.changes.length > 0 && (
        <ul>
          {v.changes.map((c) => (
            <li key={`${c.kind}:${c.column}`} data-testid="schema-change" data-kind={c.kind}>
              {describeChange(c)}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}

/** `/tables/:table/schema`: the table's columns now and how they changed since cdcscope started. */
export function SchemaTimelinePage({ tableKey }: { tableKey: string }) {
  const query = useQuery({
    queryKey: ['table-schema', tableKey],
    queryFn: ({ signal }) =>
      fetchJson(`/api/tables/${tableSegment(tableKey)}/schema`, tableSchemaResponseSchema, signal),
    refetchInterval: SCHEMA_REFRESH_MS,
    retry: (n, err) => !(err instanceof HttpError && err.status === 404) && n < 3,
  });
  const s = query.data;
  const notFound = query.error instanceof HttpError && query.error.status === 404;
  const current = s?.versions.at(-1);
  return (
    <>
      <nav className="breadcrumbs" aria-label="Breadcrumb">
        <Link href="/">Overview</Link> / <Link href={tableHref(tableKey)}>{tableKey}</Link> / <span>schema</span>
      </nav>
      <div className="title-row">
        <h1 data-testid="schema-page-title">Schema of {tableKey}</h1>
        {s?.drift === true && (
          <span className="badge badge-drift" data-testid="schema-drift-flag">
            drift
          </span>
        )}
      </div>
      {notFound ? (
        <p className="notice" data-testid="schema-not-found">
          No shape seen for this table yet: it appears with the table&apos;s first change or DDL statement.
        </p>
      ) : (
        <QueryStatus query={query} what="the table's schema" />
      )}
      {s && (
        <>
          <section className="panel" aria-labelledby="schema-current-heading">
            <div className="panel-head">
              <h2 id="schema-current-heading">Columns now</h2>
              <span className="muted">{current ? `from ${BASIS_LABEL[current.basis]}` : 'no event seen yet'}</span>
            </div>
            {current && (
              <ScrollRegion label="Columns now">
                <table className="data-table" data-testid="schema-columns">
                  <thead>
                    <tr>
                      <th scope="col">Column</th>
                      <th scope="col">Type</th>
                      <th scope="col">Optional</th>
                    </tr>
                  </thead>
                  <tbody>
                    {current.columns.map((c) => (
                      <tr key={c.name} data-column={c.name}>
                        <td className="mono">{c.name}</td>
                        <td className="mono">{c.type}</td>
                        <td>{optionality(c)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            )}
          </section>
          <section className="panel" aria-labelledby="schema-timeline-heading">
            <div className="panel-head">
              <h2 id="schema-timeline-heading">Timeline</h2>
              <span className="muted">
                newest first · shapes from the events, statements from the connector&apos;s schema-change topic
                {s.droppedVersions + s.droppedDdl > 0
                  ? ` · ${s.droppedVersions + s.droppedDdl} older entries dropped`
                  : ''}
              </span>
            </div>
            <ol className="schema-timeline" data-testid="schema-timeline">
              {timelineOf(s).map((item, i) => (
                <Item key={`${item.kind}:${item.at}:${i}`} item={item} />
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}
