import { describe, expect, it } from 'vitest';
import { decodeSegment } from './route-segment';

describe('decodeSegment', () => {
  it('decodes what encodeURIComponent encoded, once', () => {
    const key = 'replica_a.inventory.customers/{"id":42} 100%';
    expect(decodeSegment(encodeURIComponent(key))).toBe(key);
    // Decoded once only: an encoded percent stays a literal escape.
    expect(decodeSegment(encodeURIComponent('%41'))).toBe('%41');
  });

  it('keeps a segment with an invalid escape verbatim', () => {
    expect(decodeSegment('100%')).toBe('100%');
    expect(decodeSegment('%E0%A4%A')).toBe('%E0%A4%A');
  });

  it('leaves a plain segment as it is', () => {
    expect(decodeSegment('inventory.orders')).toBe('inventory.orders');
  });
});
