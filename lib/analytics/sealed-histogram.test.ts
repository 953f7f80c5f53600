import { Int32Histogram } from 'hdr-histogram-js';
import { describe, expect, it } from 'vitest';
import { addSealed, sealHistogram } from './sealed-histogram';

const make = () => new Int32Histogram(1, 3_600_000, 2);

describe('sealed histogram', () => {
  it('round-trips every bucket, including big counts and extreme values', () => {
    const h = make();
    h.recordValueWithCount(0, 3);
    h.recordValueWithCount(1, 1_000_000_000);
    for (let v = 2; v < 3_600_000; v = Math.ceil(v * 1.07)) h.recordValueWithCount(v, (v % 300) + 1);
    h.recordValue(3_600_000);
    const sealed = sealHistogram(h, 7, 3_600_000);
    const back = make();
    addSealed(sealed, back);
    expect(back.totalCount).toBe(h.totalCount);
    for (let i = 0; i < h.countsArrayLength; i++) expect(back.getCountAtIndex(i)).toBe(h.getCountAtIndex(i));
    expect(sealed).toMatchObject({ slot: 7, total: h.totalCount, max: 3_600_000 });
  });

  it('is much smaller than the counts array for clustered values', () => {
    const h = make();
    for (let i = 0; i < 50_000; i++) h.recordValue(40 + (i % 400));
    const sealed = sealHistogram(h, 0, 439);
    expect(sealed.bytes.byteLength).toBeLessThan(1_500);
    expect(h.estimatedFootprintInBytes).toBeGreaterThan(8_000);
  });

  it('seals an empty histogram to nothing', () => {
    expect(sealHistogram(make(), 0, 0).bytes.byteLength).toBe(0);
  });
});
