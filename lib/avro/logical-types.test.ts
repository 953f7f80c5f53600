import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDecimal,
  formatTimestamp,
  parseDecimal,
  parseTimestamp,
  shortestFloat32,
  twosComplement,
  unscaledOf,
} from './logical-types';

describe('decimals', () => {
  it('round-trips unscaled values through two’s complement bytes like Java’s BigInteger', () => {
    const cases: [bigint, number[]][] = [
      [0n, [0]],
      [127n, [0x7f]],
      [128n, [0x00, 0x80]],
      [-128n, [0x80]],
      [-129n, [0xff, 0x7f]],
      [1234n, [0x04, 0xd2]],
    ];
    for (const [n, bytes] of cases) {
      expect(Array.from(twosComplement(n))).toEqual(bytes);
      expect(unscaledOf(new Uint8Array(bytes))).toBe(n);
    }
    expect(unscaledOf(new Uint8Array(5000))).toBeUndefined();
  });

  it('formats and parses at any scale', () => {
    expect(formatDecimal(1234n, 2)).toBe('12.34');
    expect(formatDecimal(-5n, 3)).toBe('-0.005');
    expect(formatDecimal(12n, -2)).toBe('1200');
    expect(formatDecimal(0n, -2)).toBe('0');
    expect(parseDecimal('12.34', 2)).toBe(1234n);
    expect(parseDecimal('-0.5', 3)).toBe(-500n);
    expect(parseDecimal('12.340', 2)).toBe(1234n);
    expect(parseDecimal('12.345', 2)).toBeUndefined();
    expect(parseDecimal('1200', -2)).toBe(12n);
    expect(parseDecimal('1250', -2)).toBeUndefined();
    expect(parseDecimal('1e5', 0)).toBeUndefined();
  });
});

describe('dates and times', () => {
  it('keeps out-of-range values as raw numbers instead of inventing a date', () => {
    expect(formatDate(0)).toBe('1970-01-01');
    expect(formatDate(-1)).toBe('1969-12-31');
    expect(formatDate(1e12)).toBe(1e12);
    expect(formatTimestamp(-1, 'us', true)).toBe('1969-12-31T23:59:59.999999Z');
    expect(formatTimestamp(1e20, 'ms', true)).toBe(1e20);
  });

  it('parses what it formats', () => {
    const text = formatTimestamp(1_706_708_707_123_456_789n, 'ns', false);
    expect(text).toBe('2024-01-31T13:45:07.123456789');
    expect(typeof text === 'string' && parseTimestamp(text, 'ns')).toBe(1_706_708_707_123_456_789n);
    expect(parseTimestamp('2024-01-31T13:45:07Z', 'us')).toBe(1_706_708_707_000_000n);
  });

  it('prints float32 values the way Jackson does', () => {
    expect(shortestFloat32(Math.fround(3.14))).toBe(3.14);
    expect(shortestFloat32(Math.fround(0.1))).toBe(0.1);
    expect(shortestFloat32(0.5)).toBe(0.5);
  });
});
