import type { TimeLag } from '../contracts/consumer-lag';

/**
 * Time lag from offsets, as kafka-lag-exporter estimated it: keep (end
 * offset, time) samples of a partition, and find when the end offset
 * reached the consumer's committed offset by linear interpolation between
 * the two samples around it (newest segment first). Older than every sample,
 * extrapolate along the trend of the whole table; with a single sample, only
 * a lower bound is known. Flat runs (no new messages) keep their first and
 * last sample only, so an idle hour does not push the useful points out.
 * Lag = now − that time; caught up (committed ≥ newest end offset) is 0.
 * One change from kafka-lag-exporter: an end offset going backwards (topic
 * deleted and recreated) clears the table instead of being ignored forever.
 */
export interface OffsetTimeline {
  /** An end-offset sample (the offset the next produced message will get) at `at`. */
  add(endOffset: number, at: number): void;
  /** When the end offset reached `offset`: interpolated, extrapolated, or a lower bound; `caught-up` when nothing is older. */
  producedAt(offset: number): { at: number; source: TimeLag['source'] } | undefined;
  /** Lag of a consumer at `committedOffset`; a direct measurement (oldest unconsumed message's timestamp) wins when given. */
  timeLag(committedOffset: number, now: number, oldestUnconsumedAt?: number): TimeLag | null;
  latest(): { offset: number; at: number } | undefined;
  readonly size: number;
}

/** kafka-lag-exporter's default lookup table size: at a 30 s poll, half an hour of history. */
export const DEFAULT_TIMELINE_POINTS = 60;

export function createOffsetTimeline(maxPoints = DEFAULT_TIMELINE_POINTS): OffsetTimeline {
  const cap = Math.max(2, Math.floor(maxPoints));
  let offsets: number[] = [];
  let times: number[] = [];

  function producedAt(offset: number): { at: number; source: TimeLag['source'] } | undefined {
    const n = offsets.length;
    const lastOffset = offsets[n - 1];
    const lastAt = times[n - 1];
    if (lastOffset === undefined || lastAt === undefined) return undefined;
    if (offset >= lastOffset) return { at: lastAt, source: 'caught-up' };
    for (let i = n - 1; i >= 1; i--) {
      const lo = offsets[i - 1] as number;
      const hi = offsets[i] as number;
      if (offset < lo || offset > hi || hi === lo) continue;
      const ta = times[i - 1] as number;
      const tb = times[i] as number;
      return { at: tb - ((hi - offset) * (tb - ta)) / (hi - lo), source: 'interpolated' };
    }
    const firstOffset = offsets[0] as number;
    const firstAt = times[0] as number;
    if (n === 1 || lastOffset === firstOffset) return { at: firstAt, source: 'lower-bound' };
    const at = lastAt - ((lastOffset - offset) * (lastAt - firstAt)) / (lastOffset - firstOffset);
    return { at: Math.min(at, firstAt), source: 'extrapolated' };
  }

  return {
    add(endOffset, at) {
      const n = offsets.length;
      const lastOffset = offsets[n - 1];
      const lastAt = times[n - 1];
      if (lastOffset !== undefined && lastAt !== undefined) {
        if (at <= lastAt) return;
        if (endOffset < lastOffset) {
          offsets = [];
          times = [];
        } else if (endOffset === lastOffset && n > 1 && offsets[n - 2] === endOffset) {
          times[n - 1] = at;
          return;
        }
      }
      offsets.push(endOffset);
      times.push(at);
      if (offsets.length > cap) {
        offsets.shift();
        times.shift();
      }
    },
    producedAt,
    timeLag(committedOffset, now, oldestUnconsumedAt) {
      if (oldestUnconsumedAt !== undefined) return { ms: Math.max(0, now - oldestUnconsumedAt), source: 'direct' };
      const p = producedAt(committedOffset);
      if (p === undefined) return null;
      if (p.source === 'caught-up') return { ms: 0, source: 'caught-up' };
      return { ms: Math.max(0, Math.round(now - p.at)), source: p.source };
    },
    latest() {
      const n = offsets.length;
      return n === 0 ? undefined : { offset: offsets[n - 1] as number, at: times[n - 1] as number };
    },
    get size() {
      return offsets.length;
    },
  };
}
