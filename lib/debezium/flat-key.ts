import type { Row } from '../contracts/change-event';

/**
 * The common Kafka key, a compact flat object of integers and plain strings
 * (`{"id":42}`, `{"order_id":7,"sku":"A-1"}`), read straight from its bytes.
 * For a key that small, UTF-8 decoding, JSON.parse, the wrapper check and the
 * depth walk cost several times the read itself, once per change. Anything
 * else (spaces, escapes, non-ASCII, floats, null, nesting, a BOM, a wrapper)
 * gives undefined and takes the ordinary path, so the result is always what
 * JSON.parse would give.
 */
export const MAX_FLAT_KEY_BYTES = 128;
/** Up to 15 digits a decimal integer is exact in a double, and built digit by digit gives JSON.parse's value. */
const MAX_DIGITS = 15;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const ZERO = 0x30;
const NINE = 0x39;

function isNameByte(b: number): boolean {
  return (b >= 0x61 && b <= 0x7a) || (b >= 0x41 && b <= 0x5a) || (b >= ZERO && b <= NINE) || b === 0x5f;
}

/** ASCII bytes [from, to) as a string (all below 0x80: checked by the caller). */
function ascii(bytes: Uint8Array, from: number, to: number): string {
  let s = '';
  for (let i = from; i < to; i++) s += String.fromCharCode(bytes[i] ?? 0);
  return s;
}

export function readFlatKey(bytes: Uint8Array): Row | undefined {
  const end = bytes.length - 1;
  if (end < 1 || end >= MAX_FLAT_KEY_BYTES || bytes[0] !== 0x7b || bytes[end] !== 0x7d) return undefined;
  const row: Row = {};
  let i = 1;
  for (;;) {
    // "name": letters, digits and `_` only, so no escapes and nothing a property assignment treats specially.
    if (bytes[i] !== QUOTE) return undefined;
    const nameStart = ++i;
    while (i < end && isNameByte(bytes[i] ?? 0)) i++;
    if (i === nameStart || bytes[i] !== QUOTE || bytes[i + 1] !== COLON) return undefined;
    const name = ascii(bytes, nameStart, i);
    if (name === '__proto__') return undefined;
    i += 2;
    let b = bytes[i] ?? 0;
    if (b === QUOTE) {
      // A string of printable ASCII without escapes.
      const start = ++i;
      while (i < end && (b = bytes[i] ?? 0) >= 0x20 && b < 0x7f && b !== QUOTE && b !== BACKSLASH) i++;
      if (bytes[i] !== QUOTE) return undefined;
      row[name] = ascii(bytes, start, i);
      i++;
    } else {
      // An integer: -?(0|[1-9][0-9]*), at most MAX_DIGITS digits, and not followed by `.`/`e` (checked below).
      const negative = b === MINUS;
      if (negative) b = bytes[++i] ?? 0;
      const start = i;
      let n = 0;
      while (b >= ZERO && b <= NINE) {
        n = n * 10 + (b - ZERO);
        b = bytes[++i] ?? 0;
      }
      const digits = i - start;
      if (digits === 0 || digits > MAX_DIGITS || (digits > 1 && bytes[start] === ZERO)) return undefined;
      row[name] = negative ? -n : n;
    }
    if (i === end) return row;
    if (bytes[i] !== COMMA) return undefined;
    i++;
  }
}
