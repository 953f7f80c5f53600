import type { TableSummary } from '@/lib/contracts/table-stats';
import { keyOf } from '../realtime/overview-merge';

export type SortKey = 'name' | 'rate' | 'capture' | 'lag' | 'last';
export type SortDir = 'asc' | 'desc';
export interface SortState {
  key: SortKey;
  dir: SortDir;
}

export const DEFAULT_SORT: SortState = { key: 'name', dir: 'asc' };

/** Lag used to sort the list: end-to-end p95 over the last minute. */
export function sortLag(t: TableSummary): number | null {
  return t.lag.endToEnd.m1.p95;
}

function sortValue(t: TableSummary, key: SortKey): number | string | null {
  switch (key) {
    case 'name':
      return keyOf(t);
    case 'rate':
      return t.rate;
    case 'capture':
      return t.lag.capture.m1.p95;
    case 'lag':
      return sortLag(t);
    case 'last':
      return t.lastEventAt;
  }
}

/** Clicking a column: same column flips, a new one starts with its natural direction. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, dir: current.dir === 'asc' ? 'desc' : 'asc' };
  return { key, dir: key === 'name' ? 'asc' : 'desc' };
}

/**
 * Case-insensitive substring filter on the table key (`keyOf`), then sort. Missing
 * values (no lag sample, no event yet) go last in either direction; ties
 * fall back to the name so rows do not jump between pushes.
 */
export function filterAndSort(tables: readonly TableSummary[], filter: string, sort: SortState): TableSummary[] {
  const q = filter.trim().toLowerCase();
  const rows = q ? tables.filter((t) => keyOf(t).toLowerCase().includes(q)) : tables.slice();
  const sign = sort.dir === 'asc' ? 1 : -1;
  rows.sort((a, b) => {
    const va = sortValue(a, sort.key);
    const vb = sortValue(b, sort.key);
    if (va !== vb) {
      if (va === null) return 1;
      if (vb === null) return -1;
      // Code-point order, not localeCompare: keys are identifiers, and this runs on every push.
      const c = typeof va === 'string' && typeof vb === 'string' ? (va < vb ? -1 : 1) : Number(va) - Number(vb);
      if (c !== 0) return sign * c;
    }
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  return rows;
}

const SORT_KEYS: readonly SortKey[] = ['name', 'rate', 'capture', 'lag', 'last'];

/** The overview list's filter and sort from the page URL (`?q=orders&sort=lag&dir=desc`), so a view can be shared. */
export function listStateFromSearch(search: string): { filter: string; sort: SortState } {
  const p = new URLSearchParams(search);
  const key = SORT_KEYS.find((k) => k === p.get('sort'));
  const dir = p.get('dir');
  const sort: SortState = key
    ? { key, dir: dir === 'asc' || dir === 'desc' ? dir : nextSort(DEFAULT_SORT, key).dir }
    : DEFAULT_SORT;
  return { filter: p.get('q') ?? '', sort };
}

/** The URL search with the list's state written in (defaults left out), other parameters kept. */
export function searchWithListState(search: string, filter: string, sort: SortState): string {
  const p = new URLSearchParams(search);
  if (filter) p.set('q', filter);
  else p.delete('q');
  if (sort.key === DEFAULT_SORT.key && sort.dir === DEFAULT_SORT.dir) {
    p.delete('sort');
    p.delete('dir');
  } else {
    p.set('sort', sort.key);
    p.set('dir', sort.dir);
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}
