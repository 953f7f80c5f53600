import { displayJson } from '../display-json';
/**
 * A fast, non-cryptographic 53-bit fingerprint of JSON values (cyrb53's two
 * 32-bit multiply lanes, fed with type tags, lengths and UTF-16 units), and
 * canonical JSON with sorted object keys. Both are independent of field
 * order, so two replicas serialising the same row differently still agree.
 * Not for anything adversarial: 53 bits make an accidental collision among a
 * million pending events about 1 in 10^4, and a collision only makes two
 * different events look equal.
 */

/** Nesting walked before giving up on a value; decoded rows are already limited to 64 levels. */
const MAX_DEPTH = 64;

const TAG_NULL = 0x6e756c6c;
const TAG_TRUE = 0x74727565;
const TAG_FALSE = 0x66616c73;
const TAG_INT = 0x696e7433;
const TAG_FLOAT = 0x666c6f61;
const TAG_STRING = 0x73747269;
const TAG_ARRAY = 0x61727261;
const TAG_OBJECT = 0x6f626a65;
const TAG_DEEP = 0x64656570;

// Module-level lanes: hashing is synchronous and never re-entered, and locals in closures cost more.
let h1 = 0;
let h2 = 0;
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);

function mix(word: number): void {
  h1 = Math.imul(h1 ^ word, 2654435761);
  h2 = Math.imul(h2 ^ word, 1597334677);
}

function mixString(s: string): void {
  mix(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
}

function mixNumber(n: number): void {
  // Integers (the common case, and -0 which JSON cannot tell from 0) in one word; others by their bits.
  if ((n | 0) === n) {
    mix(TAG_INT);
    mix(n);
    return;
  }
  f64[0] = n;
  mix(TAG_FLOAT);
  mix(u32[0] ?? 0);
  mix(u32[1] ?? 0);
}

function walk(v: unknown, depth: number): void {
  if (v === null || v === undefined) {
    mix(TAG_NULL);
    return;
  }
  switch (typeof v) {
    case 'string':
      mix(TAG_STRING);
      mixString(v);
      return;
    case 'number':
      mixNumber(v);
      return;
    case 'boolean':
      mix(v ? TAG_TRUE : TAG_FALSE);
      return;
    case 'object': {
      if (depth >= MAX_DEPTH) {
        mix(TAG_DEEP);
        return;
      }
      if (Array.isArray(v)) {
        mix(TAG_ARRAY);
        mix(v.length);
        for (const item of v) walk(item, depth + 1);
        return;
      }
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length > 1) keys.sort();
      mix(TAG_OBJECT);
      let fields = 0;
      for (const k of keys) {
        const item = o[k];
        // JSON has no undefined: a property holding it is the same as an absent one.
        if (item === undefined) continue;
        fields++;
        mixString(k);
        walk(item, depth + 1);
      }
      mix(fields);
      return;
    }
    default:
      // bigint, symbol, function: not JSON; hash their text so the result is at least stable.
      mix(TAG_STRING);
      mixString(displayJson(v));
      return;
  }
}

function start(seed: number): void {
  h1 = 0xdeadbeef ^ seed;
  h2 = 0x41c6ce57 ^ seed;
}

function finish(): number {
  let a = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  a ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  let b = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  b ^= Math.imul(a ^ (a >>> 13), 3266489909);
  return 4294967296 * (2097151 & b) + (a >>> 0);
}

/** cyrb53 of a string: a 53-bit integer. */
export function hashString(s: string, seed = 0): number {
  start(seed);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  return finish();
}

/** 53-bit fingerprint of any JSON value, independent of object key order. */
export function hashValue(value: unknown, seed = 0): number {
  start(seed);
  walk(value, 0);
  return finish();
}

/**
 * Fingerprint of a change's content: table, op, key, before and after. The
 * `source` block is left out on purpose: file, pos, server_id, thread and the
 * connector's timestamps legitimately differ between two servers.
 */
export function fingerprintChange(table: string, op: string, key: unknown, before: unknown, after: unknown): number {
  start(0);
  mixString(table);
  mixString(op);
  walk(key, 0);
  walk(before, 0);
  walk(after, 0);
  return finish();
}

function canonical(v: unknown, depth: number): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v !== 'object') {
    // JSON.stringify gives undefined for functions/symbols and throws on bigint: text them instead.
    if (typeof v === 'bigint') return v.toString();
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- JSON.stringify gives undefined for undefined, functions and symbols; lib.d.ts says string
    return JSON.stringify(v) ?? 'null';
  }
  if (depth >= MAX_DEPTH) return '"…"';
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x, depth + 1)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length > 1) keys.sort();
  let out = '{';
  for (const k of keys) {
    if (o[k] === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(k)}:${canonical(o[k], depth + 1)}`;
  }
  return `${out}}`;
}

/**
 * JSON with object keys sorted, so equal values give equal text whatever
 * their field order. Longer than `maxChars`, the text is cut and suffixed with
 * `…#<hash>`: still unique for practical purposes, and bounded for ids.
 */
export function canonicalJson(value: unknown, maxChars = Number.POSITIVE_INFINITY): string {
  const text = canonical(value, 0);
  if (text.length <= maxChars) return text;
  return `${text.slice(0, maxChars)}…#${hashString(text).toString(36)}`;
}
