/**
 * JSON text of any value, for showing it: what the detail pane, the replica diffs, seek previews and clipped
 * diff values print. Unlike `JSON.stringify` it never throws on a bigint (Avro longs can decode to one;
 * it prints their digits, inside objects too) and never returns undefined (undefined, functions and
 * symbols print as `String()` gives them).
 */
export function displayJson(v: unknown, indent?: number): string {
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return v.toString();
    case 'function':
      return 'function';
    default:
      return JSON.stringify(v, bigintDigits, indent);
  }
}

const bigintDigits = (_key: string, x: unknown): unknown => (typeof x === 'bigint' ? x.toString() : x);
