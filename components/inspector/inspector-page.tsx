'use client';

import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { formatInteger } from '../format';
import { DetailPane } from './detail-pane';
import { EventList, focusRowLater } from './event-list';
import { FilterBar } from './filter-bar';
import {
  filtersFromParams,
  filtersToParams,
  pageSearch,
  ROW_CAP,
  SELECTED_PARAM,
  validateFilters,
  withSelected,
  type FilterState,
} from './inspector-query';
import { ApiError, useEventList, useFilterOptions, type SideOption } from './use-inspector';
import { errorMessage } from '@/lib/error-message';

const noop = () => () => {};

/**
 * The inspector: filters in the URL (shareable), a live-tailing virtualized
 * list, the selected event beside it (`?event=<id>`, also in the URL).
 * Rendered in the browser only: the time inputs show local time, which the
 * server cannot know.
 */
export function InspectorPage() {
  const mounted = useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
  return mounted ? <Inspector /> : <p className="notice">Loading…</p>;
}

function Inspector() {
  const params = useSearchParams();
  const applied = useMemo(() => filtersFromParams(new URLSearchParams(params.toString())), [params]);
  const filterQuery = useMemo(() => filtersToParams(applied).toString(), [applied]);
  const selected = params.get(SELECTED_PARAM) || null;
  const [paused, setPaused] = useState(false);
  const { tableKeys, sourceIds, sides } = useFilterOptions();

  // Next keeps useSearchParams in step with the native history API: no server round trip.
  const apply = useCallback(
    (f: FilterState) => {
      window.history.pushState(null, '', `/inspector${pageSearch(f, selected)}`);
    },
    [selected],
  );
  const select = useCallback(
    (id: string | null) => {
      window.history.replaceState(null, '', `/inspector${withSelected(new URLSearchParams(params.toString()), id)}`);
    },
    [params],
  );

  return (
    <>
      <div className="title-row">
        <h1>Event inspector</h1>
        <span className="muted">events kept in the server&apos;s buffer, masked, newest first</span>
        <Link href="/inspector/seek" className="btn btn-small" data-testid="inspector-seek-link">
          Seek on broker
        </Link>
      </div>
      <Results
        key={filterQuery}
        applied={applied}
        filterQuery={filterQuery}
        selected={selected}
        onSelect={select}
        paused={paused}
        onPause={setPaused}
        onApply={apply}
        tableKeys={tableKeys}
        sourceIds={sourceIds}
        sides={sides}
      />
    </>
  );
}

interface ResultsProps {
  applied: FilterState;
  filterQuery: string;
  selected: string | null;
  onSelect: (id: string | null) => void;
  paused: boolean;
  onPause: (p: boolean) => void;
  onApply: (f: FilterState) => void;
  tableKeys: readonly string[];
  sourceIds: readonly string[];
  sides: readonly SideOption[];
}

/** Filter form and list of one filter query: mounted per query, so a new filter starts a new list. */
function Results({
  applied,
  filterQuery,
  selected,
  onSelect,
  paused,
  onPause,
  onApply,
  tableKeys,
  sourceIds,
  sides,
}: ResultsProps) {
  const clientError = useMemo(() => validateFilters(applied), [applied]);
  const { list, newest, loadOlder, older } = useEventList(filterQuery, { paused, enabled: clientError === null });
  // The failure shows from the first failed attempt, not only once the retries ran out.
  const failure = newest.error ?? newest.failureReason;
  const badRequest = failure instanceof ApiError && failure.status === 400 ? failure.message : null;
  const fetchError = failure && !badRequest ? errorMessage(failure) : null;
  const onRowSelect = useCallback((id: string) => onSelect(id), [onSelect]);
  // Esc closes the side panel (unless a dialog, e.g. replay's, is open and takes it) and puts focus back on its row.
  useEffect(() => {
    if (!selected) return;
    const onKey = (ev: globalThis.KeyboardEvent) => {
      if (ev.key !== 'Escape' || ev.defaultPrevented || document.querySelector('dialog[open]')) return;
      onSelect(null);
      focusRowLater(selected);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [selected, onSelect]);

  const canOlder = list.olderCursor !== null;
  const keepSearching = list.truncated && canOlder;

  return (
    <>
      <FilterBar
        key={filterQuery}
        applied={applied}
        tableKeys={tableKeys}
        sourceIds={sourceIds}
        sides={sides}
        onApply={onApply}
        serverError={clientError ?? badRequest}
      />
      <div className={selected ? 'inspector-split has-detail' : 'inspector-split'}>
        <section className="panel inspector-list-panel" aria-labelledby="inspector-list-heading">
          <div className="panel-head">
            <h2 id="inspector-list-heading">Events</h2>
            <span className="muted" data-testid="inspector-count" data-count={list.rows.length}>
              {formatInteger(list.rows.length)} shown · newest first · at most {formatInteger(ROW_CAP)} kept in the
              browser
            </span>
            <span
              className={paused ? 'badge badge-stopped' : 'badge badge-live'}
              data-testid="inspector-live"
              data-live={!paused}
            >
              {paused ? 'paused' : 'live'}
            </span>
            <div className="panel-head-end">
              <button
                type="button"
                className="btn"
                onClick={() => onPause(!paused)}
                aria-pressed={paused}
                data-testid="inspector-pause"
              >
                {paused ? 'Resume' : 'Pause'}
              </button>
            </div>
          </div>

          {fetchError && (
            <p className="notice notice-error" role="alert">
              Could not fetch events: {fetchError}. {paused ? '' : 'Retrying…'}
            </p>
          )}
          {list.dropped > 0 && (
            <p className="notice notice-warn" data-testid="inspector-capped">
              The list is capped at {formatInteger(ROW_CAP)} rows: {formatInteger(list.dropped)} older row
              {list.dropped === 1 ? ' was' : 's were'} dropped from this view. Narrow the filters or pick a time range
              to see them.
            </p>
          )}
          {list.gaps > 0 && (
            <p className="notice notice-warn" data-testid="inspector-gaps">
              Events arrived faster than the live tail fetches them ({list.gaps} poll{list.gaps === 1 ? '' : 's'} did
              not reach the previous newest row): some events are missing between rows. Narrow the filters, or pause and
              use a time range.
            </p>
          )}

          {!list.started && fetchError ? null : !list.started && !clientError && !badRequest ? (
            <p className="notice">Loading…</p>
          ) : list.rows.length === 0 ? (
            <p className="notice" data-testid="inspector-empty">
              {clientError || badRequest
                ? 'Fix the filters above.'
                : `No event matches${list.truncated ? ` in the ${formatInteger(list.scanned)} events scanned so far` : ''}.`}
            </p>
          ) : (
            <EventList rows={list.rows} selectedId={selected} onSelect={onRowSelect} />
          )}

          <div className="inspector-foot">
            {list.started && (
              <span
                className="muted"
                data-testid="inspector-scan"
                data-scanned={list.scanned}
                data-truncated={list.truncated}
              >
                last page scanned {formatInteger(list.scanned)} events
                {list.truncated ? ' and stopped at its work limit before filling the page' : ''}
                {!canOlder && list.dropped === 0 ? ' · reached the oldest event the server keeps' : ''}
              </span>
            )}
            {keepSearching && (
              <button
                type="button"
                className="btn"
                onClick={() => void loadOlder()}
                disabled={older.loading}
                data-testid="inspector-keep-searching"
              >
                Keep searching
              </button>
            )}
            {paused && !keepSearching && (
              <button
                type="button"
                className="btn"
                onClick={() => void loadOlder()}
                disabled={!canOlder || older.loading}
                data-testid="inspector-load-older"
              >
                Load older
              </button>
            )}
            {!paused && canOlder && !keepSearching && <span className="muted">Pause to load older events.</span>}
            {older.loading && <span className="muted">loading…</span>}
            {older.error && <span className="hot">{older.error}</span>}
          </div>
        </section>
        {selected && <DetailPane key={selected} id={selected} onClose={() => onSelect(null)} />}
      </div>
    </>
  );
}
