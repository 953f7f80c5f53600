import { describe, expect, it } from 'vitest';
import { createOffsetTimeline } from './offset-timeline';

const T0 = 1_700_000_000_000;

describe('offset timeline (kafka-lag-exporter interpolation)', () => {
  it('interpolates between the samples around the committed offset', () => {
    const t = createOffsetTimeline();
    t.add(100, T0);
    t.add(200, T0 + 10_000);
    t.add(400, T0 + 20_000);
    expect(t.producedAt(150)).toEqual({ at: T0 + 5_000, source: 'interpolated' });
    expect(t.producedAt(300)).toEqual({ at: T0 + 15_000, source: 'interpolated' });
    expect(t.timeLag(300, T0 + 25_000)).toEqual({ ms: 10_000, source: 'interpolated' });
    expect(t.timeLag(400, T0 + 25_000)).toEqual({ ms: 0, source: 'caught-up' });
  });

  it('is accurate to a sampling interval on a varying produce rate', () => {
    const t = createOffsetTimeline(60);
    // 50–150 messages/s, varying with a 2-minute period; exact produce time of every offset known.
    const timeOf: number[] = [];
    let produced = 0;
    let carry = 0;
    for (let ms = 0; ms <= 300_000; ms += 10) {
      const rate = 100 + 50 * Math.sin((2 * Math.PI * ms) / 120_000);
      carry += (rate * 10) / 1000;
      const due = Math.floor(carry);
      carry -= due;
      for (let k = 0; k < due; k++) timeOf[produced++] = T0 + ms;
      if (ms % 5_000 === 0) t.add(produced, T0 + ms);
    }
    let worst = 0;
    let sum = 0;
    let n = 0;
    for (let offset = 1_000; offset < produced - 1; offset += 997) {
      const est = t.producedAt(offset);
      const truth = timeOf[offset] ?? 0;
      expect(est?.source).toBe('interpolated');
      const err = Math.abs((est?.at ?? 0) - truth);
      worst = Math.max(worst, err);
      sum += err;
      n++;
    }
    // Linear within a 5 s sample interval of a smooth rate: measured ~110 ms worst, ~35 ms mean.
    expect(worst).toBeLessThan(250);
    expect(sum / n).toBeLessThan(75);
  });

  it('keeps the first and last sample of a flat run, so idle time does not count as lag', () => {
    const t = createOffsetTimeline(4);
    t.add(100, T0);
    for (let i = 1; i <= 20; i++) t.add(100, T0 + i * 1_000);
    expect(t.size).toBe(2);
    t.add(200, T0 + 30_000);
    // The consumer at 100 was caught up until the end offset moved past 100 at ~20 s.
    expect(t.producedAt(100)).toEqual({ at: T0 + 20_000, source: 'interpolated' });
    expect(t.producedAt(150)).toEqual({ at: T0 + 25_000, source: 'interpolated' });
  });

  it('extrapolates older offsets along the trend, and gives a lower bound from one sample', () => {
    const t = createOffsetTimeline(3);
    t.add(1_000, T0 + 10_000);
    expect(t.timeLag(500, T0 + 15_000)).toEqual({ ms: 5_000, source: 'lower-bound' });
    t.add(2_000, T0 + 20_000);
    t.add(3_000, T0 + 30_000);
    t.add(4_000, T0 + 40_000);
    // 1,000 is older than the oldest sample now (2,000 at +20 s): 100 messages/s back from there.
    expect(t.producedAt(1_000)).toEqual({ at: T0 + 10_000, source: 'extrapolated' });
  });

  it('prefers a direct measurement, ignores out-of-order samples, and restarts on a recreated topic', () => {
    const t = createOffsetTimeline();
    t.add(100, T0);
    t.add(200, T0 + 10_000);
    expect(t.timeLag(150, T0 + 20_000, T0 + 1_000)).toEqual({ ms: 19_000, source: 'direct' });
    t.add(300, T0 + 5_000);
    expect(t.latest()).toEqual({ offset: 200, at: T0 + 10_000 });
    t.add(5, T0 + 20_000);
    expect(t.size).toBe(1);
    expect(t.latest()).toEqual({ offset: 5, at: T0 + 20_000 });
    expect(createOffsetTimeline().timeLag(1, T0)).toBeNull();
  });
});
