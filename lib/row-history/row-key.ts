import type { Row } from '../contracts/change-event';
import { canonicalJson } from '../replicas/content-hash';
import type { Result } from '../result';

/**
 * The row a history is about, as it travels in a URL path segment: the JSON
 * of its key columns, URL-encoded (`%7B%22id%22%3A42%7D` for `{"id":42}`).
 * The inspector's rendered form `id=42` (`order_id=7,line=2`) is accepted
 * too, for keys typed by hand; its values come back as strings, which is why
 * two keys are compared by `keyIdentity`, where every value is text: the
 * number 42 and the string "42" name the same row (a column has one type).
 */

/** Longest key text accepted: a key is a few columns, never a document. */
export const MAX_KEY_CHARS = 2048;
/** Key columns at most. */
export const MAX_KEY_COLUMNS = 32;

const isRow = (x: unknown): x is Row => typeof x === 'object' && x !== null && !Array.isArray(x);

function fromRendered(text: string): Row | undefined {
  const row: Row = {};
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return undefined;
    row[part.slice(0, eq).trim()] = part.slice(eq + 1);
  }
  return row;
}

/** The key columns a path segment names (already URL-decoded), or why it names none. */
export function parseRowKey(text: string): Result<Row> {
  if (text.length === 0) return { ok: false, error: 'key: empty' };
  if (text.length > MAX_KEY_CHARS) return { ok: false, error: `key: longer than ${MAX_KEY_CHARS} characters` };
  let row: Row | undefined;
  if (text.trimStart().startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      row = isRow(parsed) ? parsed : undefined;
    } catch {
      return { ok: false, error: 'key: not valid JSON (expected the key columns as a JSON object, e.g. {"id":42})' };
    }
  } else row = fromRendered(text);
  if (row === undefined) return { ok: false, error: 'key: expected a JSON object of key columns ({"id":42}) or id=42' };
  const columns = Object.keys(row).length;
  if (columns === 0) return { ok: false, error: 'key: no columns' };
  if (columns > MAX_KEY_COLUMNS) return { ok: false, error: `key: more than ${MAX_KEY_COLUMNS} columns` };
  return { ok: true, value: row };
}

/** Text that two keys share exactly when they name the same row: columns sorted, every value as text. */
export function keyIdentity(key: Row): string {
  const texts: Record<string, string> = {};
  for (const [column, value] of Object.entries(key))
    texts[column] = typeof value === 'string' ? value : canonicalJson(value);
  return canonicalJson(texts);
}

/** The path segment of a key (JSON, URL-encoded). */
export function rowKeySegment(key: Row): string {
  return encodeURIComponent(JSON.stringify(key));
}

/** The history page of a row; `pair` opens the replica pair's side-by-side view. */
export function rowHistoryHref(tableKey: string, key: Row | string, pair?: string): string {
  const segment = typeof key === 'string' ? encodeURIComponent(key) : rowKeySegment(key);
  const base = `/tables/${encodeURIComponent(tableKey)}/rows/${segment}`;
  return pair === undefined ? base : `${base}?pair=${encodeURIComponent(pair)}`;
}

/** The history API of a row. */
export function rowHistoryApiPath(tableKey: string, key: Row | string): string {
  const segment = typeof key === 'string' ? encodeURIComponent(key) : rowKeySegment(key);
  return `/api/tables/${encodeURIComponent(tableKey)}/rows/${segment}/history`;
}
