'use client';

import { LAG_HELP } from '../lag/lag-definitions';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { behindSecondsOf } from '@/lib/analytics/lag-while-behind';
import type { TableSummary } from '@/lib/contracts/table-stats';
import { keyOf } from '../realtime/overview-merge';
import { useRealtime } from '../realtime/socket-provider';
import { ROW_HEIGHT, TableRow } from './table-row';
import {
  filterAndSort,
  listStateFromSearch,
  nextSort,
  searchWithListState,
  type SortKey,
  type SortState,
} from './table-sort';

interface Column {
  label: string;
  width: number;
  sort?: SortKey;
  num?: boolean;
  title?: string;
}

const COLUMNS: readonly Column[] = [
  { label: 'Table', width: 240, sort: 'name' },
  { label: 'Source', width: 170, title: 'Sources, and the channels (topics or subjects) the table came on' },
  { label: 'Rate', width: 76, sort: 'rate', num: true, title: 'Events per second over the last 10 s' },
  { label: 'Last 60 s', width: 128 },
  { label: 'Events (c u d r)', width: 230 },
  {
    label: 'Capture lag',
    width: 200,
    sort: 'capture',
    title: `p50 · p95 · p99 over the last minute; sorts by p95. ${LAG_HELP.capture}`,
  },
  {
    label: 'End-to-end lag',
    width: 200,
    sort: 'lag',
    title: `p50 · p95 · p99 over the last minute; sorts by p95. ${LAG_HELP.endToEnd}`,
  },
  { label: 'Last event', width: 104, sort: 'last' },
  { label: 'Undecodable', width: 120, num: true },
];

const NONE_BEHIND: ReadonlyMap<string, number> = new Map();
const NONE_STALE: ReadonlySet<string> = new Set();

/** Rows drawn beyond the visible ones, so fast scrolling shows no blank gap. */
const OVERSCAN = 12;

/** Virtualized, filterable, sortable list of all tables (stays smooth with hundreds of rows). */
export function TableList({
  tables,
  staleRows = NONE_STALE,
  behind = NONE_BEHIND,
}: {
  tables: readonly TableSummary[];
  /** Rows whose figures may be wrong until the server sends them again (a lost delta, or sort keys only): drawn as updating. */
  staleRows?: ReadonlySet<string>;
  /** Sources cdcscope is behind on, with their backlog in seconds: their tables' end-to-end lag includes it. */
  behind?: ReadonlyMap<string, number>;
}) {
  // From the URL (the list mounts in the browser only, once data came), so a filtered, sorted view can be shared.
  const [initial] = useState(() => listStateFromSearch(typeof window === 'undefined' ? '' : window.location.search));
  const [filter, setFilter] = useState(initial.filter);
  const [sort, setSort] = useState<SortState>(initial.sort);
  useEffect(() => {
    const search = searchWithListState(window.location.search, filter, sort);
    if (search !== window.location.search)
      window.history.replaceState(null, '', `${window.location.pathname}${search}`);
  }, [filter, sort]);
  const deferredFilter = useDeferredValue(filter);
  const rows = useMemo(() => filterAndSort(tables, deferredFilter, sort), [tables, deferredFilter, sort]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- TanStack Virtual hands back a mutable instance by design; this app does not run the React Compiler, so nothing is skipped
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    getItemKey: (i) => (rows[i] ? keyOf(rows[i]) : i),
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items[0]?.start ?? 0;
  const padBottom = virtualizer.getTotalSize() - (items[items.length - 1]?.end ?? 0);
  const tableWidth = COLUMNS.reduce((s, c) => s + c.width, 0);
  // Tell the server which rows are drawn: only their changes come whole, the others' as sort keys (issue #12).
  const bridge = useRealtime();
  const drawn = items.map((item) => (rows[item.index] ? keyOf(rows[item.index] as TableSummary) : '')).join('\n');
  useEffect(() => bridge.showOverviewRows(drawn ? drawn.split('\n') : []), [bridge, drawn]);

  return (
    <section className="panel" aria-labelledby="tables-heading">
      <div className="panel-head">
        <h2 id="tables-heading">Tables</h2>
        <span className="muted" data-testid="table-count">
          {rows.length === tables.length ? `${tables.length} tables` : `${rows.length} of ${tables.length} tables`}
        </span>
        <span className="muted">lag columns: p50 · p95 · p99 over the last minute</span>
        <div className="panel-head-end toolbar">
          <label className="visually-hidden" htmlFor="table-filter">
            Filter tables
          </label>
          <input
            id="table-filter"
            className="filter-input"
            type="search"
            placeholder="Filter tables…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            data-testid="table-filter"
            autoComplete="off"
            spellCheck={false}
          />
        </div>
      </div>
      {tables.length === 0 ? (
        <p className="notice">No table has delivered an event yet.</p>
      ) : (
        <div className="list-scroll" ref={scrollRef}>
          <table
            className="data-table table-list"
            style={{ width: '100%', minWidth: tableWidth }}
            aria-rowcount={rows.length + 1}
            data-testid="table-list"
          >
            <colgroup>
              {COLUMNS.map((c) => (
                <col key={c.label} style={{ width: c.width }} />
              ))}
            </colgroup>
            <thead>
              <tr aria-rowindex={1}>
                {COLUMNS.map((c) => (
                  <HeaderCell key={c.label} column={c} sort={sort} onSort={(k) => setSort((s) => nextSort(s, k))} />
                ))}
              </tr>
            </thead>
            <tbody>
              {padTop > 0 && <tr aria-hidden="true" style={{ height: padTop }} />}
              {items.map((item) => {
                const row = rows[item.index];
                return row ? (
                  <TableRow
                    key={keyOf(row)}
                    summary={row}
                    index={item.index}
                    stale={staleRows.has(keyOf(row))}
                    behindSeconds={behindSecondsOf(row.sourceIds, behind)}
                  />
                ) : null;
              })}
              {padBottom > 0 && <tr aria-hidden="true" style={{ height: padBottom }} />}
            </tbody>
          </table>
          {rows.length === 0 && (
            <p className="notice" style={{ margin: 12 }}>
              No table matches “{deferredFilter}”.
            </p>
          )}
        </div>
      )}
    </section>
  );
}

function HeaderCell({ column: c, sort, onSort }: { column: Column; sort: SortState; onSort: (k: SortKey) => void }) {
  const active = c.sort !== undefined && sort.key === c.sort;
  const ariaSort = active ? (sort.dir === 'asc' ? 'ascending' : 'descending') : c.sort ? 'none' : undefined;
  return (
    <th scope="col" className={c.num ? 'num' : undefined} aria-sort={ariaSort} title={c.title}>
      {c.sort ? (
        <button
          type="button"
          className="sort-btn"
          onClick={() => onSort(c.sort as SortKey)}
          data-testid={`sort-${c.sort}`}
        >
          {c.label}
          <span className="arrow" aria-hidden="true">
            {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
          </span>
        </button>
      ) : (
        c.label
      )}
    </th>
  );
}
