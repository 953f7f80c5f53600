import { displayJson } from '../display-json';
/**
 * Bounds what a diff carries, so one huge JSON column cannot make a push of
 * divergent pairs megabytes long: strings over the limit are cut and end in
 * `…`; objects and arrays whose JSON is over the limit become that JSON text,
 * cut the same way. Either case sets `truncated`.
 */

/** Characters kept per value in a diff: two lines of a wide table cell. */
export const DEFAULT_MAX_VALUE_CHARS = 200;

export type JsonType = 'null' | 'undefined' | 'boolean' | 'number' | 'string' | 'array' | 'object' | 'other';

export function jsonType(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return 'boolean';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

export interface Clipped {
  value: unknown;
  truncated: boolean;
}

export function clipValue(v: unknown, maxChars: number = DEFAULT_MAX_VALUE_CHARS): Clipped {
  if (typeof v === 'string')
    return v.length > maxChars
      ? { value: `${v.slice(0, maxChars)}…`, truncated: true }
      : { value: v, truncated: false };
  if (v === null || typeof v !== 'object') return { value: v, truncated: false };
  const text = displayJson(v);
  return text.length > maxChars
    ? { value: `${text.slice(0, maxChars)}…`, truncated: true }
    : { value: v, truncated: false };
}
