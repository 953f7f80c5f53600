import { EVENT_PAGE_MAX_LIMIT, parseEventQuery } from '@/lib/contracts/inspector';
import type { EventListItem } from '@/lib/contracts/event-view';

/**
 * Pure helpers for the inspector's list page: the filter form ⇄ URL query
 * string (shareable links), the API query derived from it, and the list
 * merges of the live tail (newest pages) and "Load older" (cursor pages).
 */

/** Rows kept in the browser; past it the oldest are dropped. */
export const ROW_CAP = 5000;
/** Rows asked for per poll of the newest page and per older page. */
export const PAGE_LIMIT = 200;
/** Field conditions the API accepts at once. */
export const MAX_FIELD_CONDITIONS = 5;
/** Op checkboxes of the form (other ops in a shared URL are kept as they are). */
export const FORM_OPS = ['c', 'u', 'd', 'r'] as const;
/** Query parameter of the selected event (page state only, never sent to the API). */
export const SELECTED_PARAM = 'event';

export interface FilterState {
  sourceId: string;
  table: string;
  ops: string[];
  key: string;
  /** One condition per input, `after.status=shipped`; empty inputs are dropped. */
  fields: string[];
  q: string;
  /** As in the URL: epoch ms (what the form writes) or an ISO date (a hand-written link). */
  from: string;
  to: string;
  undecodable: boolean;
  /** `<pair id>:a|b`: one side of a replica pair, or ''. */
  side: string;
  /** Outbox events only (`kind=outbox`; `undecodable` wins when both are set), of this aggregate / event type. */
  outbox: boolean;
  aggregateType: string;
  eventType: string;
  /** Replayed copies: '' all, `only`, or `exclude`. */
  replay: '' | 'only' | 'exclude';
}

export const EMPTY_FILTERS: FilterState = {
  sourceId: '',
  table: '',
  ops: [],
  key: '',
  fields: [],
  q: '',
  from: '',
  to: '',
  undecodable: false,
  side: '',
  outbox: false,
  aggregateType: '',
  eventType: '',
  replay: '',
};

/** The filter form's state from the page URL (unknown parameters are ignored). */
export function filtersFromParams(params: URLSearchParams): FilterState {
  const get = (name: string) => params.get(name) ?? '';
  return {
    sourceId: get('sourceId'),
    table: get('table'),
    ops: get('op')
      .split(',')
      .map((o) => o.trim())
      .filter((o) => o.length > 0),
    key: get('key'),
    fields: params.getAll('field').filter((f) => f.trim().length > 0),
    q: get('q'),
    from: get('from'),
    to: get('to'),
    undecodable: params.get('kind') === 'undecodable',
    side: get('side'),
    outbox: params.get('kind') === 'outbox',
    aggregateType: get('aggregateType'),
    eventType: get('eventType'),
    replay: params.get('replay') === 'only' ? 'only' : params.get('replay') === 'exclude' ? 'exclude' : '',
  };
}

/** The filters as query parameters, in the API's names; empty filters are left out. */
export function filtersToParams(f: FilterState): URLSearchParams {
  const p = new URLSearchParams();
  const set = (name: string, value: string) => {
    if (value.trim().length > 0) p.set(name, value);
  };
  set('sourceId', f.sourceId);
  set('table', f.table);
  const ops = [...new Set(f.ops)];
  if (ops.length > 0) p.set('op', ops.join(','));
  set('key', f.key);
  for (const field of f.fields) if (field.trim().length > 0) p.append('field', field.trim());
  set('q', f.q);
  set('from', f.from.trim());
  set('to', f.to.trim());
  if (f.undecodable) p.set('kind', 'undecodable');
  else if (f.outbox) p.set('kind', 'outbox');
  set('side', f.side);
  set('aggregateType', f.aggregateType);
  set('eventType', f.eventType);
  set('replay', f.replay);
  return p;
}

/** Page query string for filters plus the selected event (`?table=…&event=…`, or '' when empty). */
export function pageSearch(f: FilterState, selected: string | null): string {
  const p = filtersToParams(f);
  if (selected) p.set(SELECTED_PARAM, selected);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The page's query string with another selected event (or none), filters untouched. */
export function withSelected(params: URLSearchParams, id: string | null): string {
  const p = new URLSearchParams(params);
  if (id) p.set(SELECTED_PARAM, id);
  else p.delete(SELECTED_PARAM);
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The form's readable error (what the API would answer with a 400), or null when the filters are valid. */
export function validateFilters(f: FilterState): string | null {
  const parsed = parseEventQuery(filtersToParams(f));
  return parsed.ok ? null : parsed.error;
}

/** `/api/events?…` for the filters, one page, optionally continuing at a cursor. */
export function eventsUrl(filters: URLSearchParams, opts: { cursor?: string | null; limit?: number } = {}): string {
  const p = new URLSearchParams(filters);
  p.delete(SELECTED_PARAM);
  if (opts.cursor) p.set('cursor', opts.cursor);
  p.set('limit', String(Math.min(EVENT_PAGE_MAX_LIMIT, Math.max(1, opts.limit ?? PAGE_LIMIT))));
  return `/api/events?${p.toString()}`;
}

/** Full-page link of one event: ids contain `:` and `#`, always encoded. */
export function eventHref(id: string): string {
  return `/inspector/${encodeURIComponent(id)}`;
}

/** `/api/events/<id>`. */
export function eventDetailUrl(id: string): string {
  return `/api/events/${encodeURIComponent(id)}`;
}

/** Epoch ms (or ISO text) from the URL → `datetime-local` input value in local time; '' when unreadable. */
export function toDatetimeLocal(value: string): string {
  const t = /^\d+$/.test(value.trim()) ? Number(value.trim()) : Date.parse(value);
  if (!value.trim() || !Number.isFinite(t)) return '';
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getFullYear(), 4)}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

/**
 * `datetime-local` input value (local time, no zone) → epoch ms text for the
 * URL. Converted here: the server would read a zone-less date in its own zone.
 */
export function fromDatetimeLocal(value: string): string {
  if (!value) return '';
  const t = new Date(value).getTime();
  return Number.isFinite(t) ? String(t) : '';
}

export interface ListState {
  /** Newest first, at most ROW_CAP. */
  rows: EventListItem[];
  /** Continue older from here; null when the oldest kept event was reached or rows were dropped. */
  olderCursor: string | null;
  /** The first page has been received. */
  started: boolean;
  /** Rows dropped at the cap since the list started. */
  dropped: number;
  /** Live polls that could not reach the previous newest row: events between them were not fetched. */
  gaps: number;
  /** The last older-direction page (or the first page): how much it scanned and whether it stopped early. */
  scanned: number;
  truncated: boolean;
}

export const INITIAL_LIST: ListState = {
  rows: [],
  olderCursor: null,
  started: false,
  dropped: 0,
  gaps: 0,
  scanned: 0,
  truncated: false,
};

interface PageLike {
  items: readonly EventListItem[];
  nextCursor: string | null;
  scanned: number;
  truncated: boolean;
}

/**
 * A newest page from the live tail. The first one starts the list (and its
 * cursor); later ones prepend what is newer than the current first row. When
 * the page never reaches a known row although it was full (or stopped its
 * scan early), events between the two were not fetched: counted as a gap.
 * Past the cap the oldest rows go, and with them the older cursor.
 */
export function mergeNewest(state: ListState, page: PageLike, cap = ROW_CAP, limit = PAGE_LIMIT): ListState {
  if (!state.started) {
    const rows = page.items.slice(0, cap);
    const dropped = page.items.length - rows.length;
    return {
      ...state,
      rows,
      started: true,
      olderCursor: dropped > 0 ? null : page.nextCursor,
      dropped,
      scanned: page.scanned,
      truncated: page.truncated,
    };
  }
  const known = new Set(state.rows.map((r) => r.id));
  const fresh: EventListItem[] = [];
  let reachedKnown = false;
  for (const item of page.items) {
    if (known.has(item.id)) {
      reachedKnown = true;
      break;
    }
    fresh.push(item);
  }
  if (fresh.length === 0) return state;
  const gap = !reachedKnown && state.rows.length > 0 && (page.items.length >= limit || page.truncated);
  const all = fresh.concat(state.rows);
  const rows = all.length > cap ? all.slice(0, cap) : all;
  const dropped = all.length - rows.length;
  return {
    ...state,
    rows,
    olderCursor: dropped > 0 ? null : state.olderCursor,
    dropped: state.dropped + dropped,
    gaps: state.gaps + (gap ? 1 : 0),
  };
}

/**
 * An older page (Load older / keep searching): appended below, duplicates
 * skipped. At the cap the rest of the page is dropped and the cursor with it
 * (continuing would leave a hole).
 */
export function appendOlder(state: ListState, page: PageLike, cap = ROW_CAP): ListState {
  const known = new Set(state.rows.map((r) => r.id));
  const older = page.items.filter((i) => !known.has(i.id));
  const room = Math.max(0, cap - state.rows.length);
  const kept = older.slice(0, room);
  const dropped = older.length - kept.length;
  return {
    ...state,
    rows: kept.length > 0 ? state.rows.concat(kept) : state.rows,
    olderCursor: dropped > 0 ? null : page.nextCursor,
    dropped: state.dropped + dropped,
    scanned: page.scanned,
    truncated: page.truncated,
  };
}
