import { describe, expect, it } from 'vitest';
import type { EventListItem } from '@/lib/contracts/event-view';
import {
  EMPTY_FILTERS,
  INITIAL_LIST,
  appendOlder,
  eventHref,
  eventsUrl,
  filtersFromParams,
  filtersToParams,
  fromDatetimeLocal,
  mergeNewest,
  pageSearch,
  toDatetimeLocal,
  validateFilters,
  withSelected,
} from './inspector-query';

const item = (n: number): EventListItem => ({
  id: `demo:t:#${n}`,
  sourceId: 'demo',
  channel: 't',
  position: `#${n}`,
  receivedAt: n,
  kind: 'change',
  sizeBytes: 10,
});
/** Newest first: ids hi..lo. */
const items = (hi: number, lo: number) => Array.from({ length: hi - lo + 1 }, (_, i) => item(hi - i));
const page = (list: EventListItem[], nextCursor: string | null = 'c1', truncated = false) => ({
  items: list,
  nextCursor,
  scanned: list.length,
  truncated,
});
const ids = (rows: EventListItem[]) => rows.map((r) => r.position);

describe('filters ⇄ URL', () => {
  it('round-trips every filter and drops empty ones', () => {
    const f = {
      ...EMPTY_FILTERS,
      table: 'replica_a.inventory.customers',
      ops: ['u', 'd'],
      key: 'id=4',
      fields: ['after.status=shipped', ' ', 'before.n>3'],
      q: '<b>',
      from: '1700000000000',
      undecodable: true,
    };
    const p = filtersToParams(f);
    expect(p.toString()).toBe(
      'table=replica_a.inventory.customers&op=u%2Cd&key=id%3D4&field=after.status%3Dshipped&field=before.n%3E3&q=%3Cb%3E&from=1700000000000&kind=undecodable',
    );
    expect(filtersFromParams(p)).toEqual({ ...f, fields: ['after.status=shipped', 'before.n>3'] });
    expect(filtersToParams(EMPTY_FILTERS).toString()).toBe('');
  });

  it('keeps the selected event apart from the filters', () => {
    expect(pageSearch({ ...EMPTY_FILTERS, key: 'x' }, 'demo:a.b:#1')).toBe('?key=x&event=demo%3Aa.b%3A%231');
    expect(pageSearch(EMPTY_FILTERS, null)).toBe('');
    const params = new URLSearchParams('key=x&event=old');
    expect(withSelected(params, 'new')).toBe('?key=x&event=new');
    expect(withSelected(params, null)).toBe('?key=x');
    expect(eventsUrl(params, { cursor: 'abc' })).toBe('/api/events?key=x&cursor=abc&limit=200');
    expect(eventsUrl(new URLSearchParams(), { limit: 9999 })).toBe('/api/events?limit=500');
  });

  it('validates like the API', () => {
    expect(validateFilters({ ...EMPTY_FILTERS, fields: ['after.status=shipped'] })).toBeNull();
    expect(validateFilters({ ...EMPTY_FILTERS, fields: ['status=shipped'] })).toMatch(
      /^field\.0: "status=shipped": expected/,
    );
    expect(validateFilters({ ...EMPTY_FILTERS, from: 'yesterday' })).toMatch(/from: "yesterday" is neither/);
  });

  it('encodes event ids into links', () => {
    expect(eventHref('demo:demo_a.inventory.orders:#1234')).toBe('/inspector/demo%3Ademo_a.inventory.orders%3A%231234');
  });

  it('converts datetime-local values in local time', () => {
    const ms = new Date(2025, 0, 2, 3, 4, 5).getTime();
    expect(toDatetimeLocal(String(ms))).toBe('2025-01-02T03:04:05');
    expect(fromDatetimeLocal('2025-01-02T03:04:05')).toBe(String(ms));
    expect(toDatetimeLocal('garbage')).toBe('');
    expect(fromDatetimeLocal('')).toBe('');
  });
});

describe('list merges', () => {
  it('starts with the first page and its cursor', () => {
    const s = mergeNewest(INITIAL_LIST, page(items(10, 1), 'c0', true));
    expect(ids(s.rows)).toHaveLength(10);
    expect(s).toMatchObject({ started: true, olderCursor: 'c0', truncated: true, gaps: 0 });
  });

  it('prepends only what is newer than the first row', () => {
    let s = mergeNewest(INITIAL_LIST, page(items(10, 1)));
    s = mergeNewest(s, page(items(12, 8)), 100, 5);
    expect(ids(s.rows).slice(0, 3)).toEqual(['#12', '#11', '#10']);
    expect(s.rows).toHaveLength(12);
    expect(s.gaps).toBe(0);
    expect(mergeNewest(s, page(items(12, 10)))).toBe(s);
  });

  it('counts a gap when a full page never reaches a known row', () => {
    let s = mergeNewest(INITIAL_LIST, page(items(10, 1)));
    s = mergeNewest(s, page(items(30, 26)), 100, 5);
    expect(s.gaps).toBe(1);
    expect(s.rows).toHaveLength(15);
  });

  it('drops the oldest rows past the cap, and the cursor with them', () => {
    let s = mergeNewest(INITIAL_LIST, page(items(10, 1), 'c0'), 12);
    s = mergeNewest(s, page(items(15, 11)), 12, 5);
    expect(s.rows).toHaveLength(12);
    expect(ids(s.rows).at(-1)).toBe('#4');
    expect(s.dropped).toBe(3);
    expect(s.olderCursor).toBeNull();
  });

  it('appends older pages, skips duplicates and stops at the cap', () => {
    let s = mergeNewest(INITIAL_LIST, page(items(10, 6), 'c0'));
    s = appendOlder(s, page(items(6, 3), 'c1', true), 8);
    expect(ids(s.rows)).toEqual(['#10', '#9', '#8', '#7', '#6', '#5', '#4', '#3']);
    expect(s).toMatchObject({ olderCursor: 'c1', truncated: true });
    s = appendOlder(s, page(items(2, 1), 'c2'), 8);
    expect(s.rows).toHaveLength(8);
    expect(s).toMatchObject({ olderCursor: null, dropped: 2 });
  });
});
