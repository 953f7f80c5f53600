import { describe, expect, it } from 'vitest';
import { defaultPartitionFor, murmur2 } from './murmur2';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('murmur2', () => {
  it("gives Java's Utils.murmur2 values (Kafka's UtilsTest cases)", () => {
    expect(murmur2(bytes('21'))).toBe(-973932308);
    expect(murmur2(bytes('foobar'))).toBe(-790332482);
    expect(murmur2(bytes('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(bytes('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(bytes('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(new Uint8Array([0x61, 0x62, 0x63]))).toBe(479470107);
  });

  it('clears the sign bit before the modulo, as toPositive does', () => {
    // -973932308 & 0x7fffffff = 1173551340; Math.abs would give 973932308.
    expect(defaultPartitionFor(bytes('21'), 1_000_000_007)).toBe(1173551340 % 1_000_000_007);
    expect(defaultPartitionFor(bytes('21'), 7)).toBe(1173551340 % 7);
    for (let n = 1; n < 20; n++) expect(defaultPartitionFor(bytes('{"id":42}'), n)).toBeLessThan(n);
  });
});
