import type { LagWindows } from '../contracts/table-stats';
import type { SealedLag } from '../contracts/cluster';
import { addSealed, type SealedHistogram } from '../analytics/sealed-histogram';
import { lagPercentiles, newLagHistogram } from '../analytics/lag-window';
import { fromBase64, toBase64 } from '../avro/base64';
import type { JsHistogram } from 'hdr-histogram-js';

/** A sealed lag histogram as it travels (base64 of its varint buckets). */
export function packSealed(s: SealedHistogram): SealedLag {
  return { b64: toBase64(s.bytes), total: s.total, max: s.max };
}

/** An empty window: what an instance with no samples, or an archived table, contributes. */
export const EMPTY_SEALED: SealedLag = { b64: '', total: 0, max: 0 };

/** One scratch histogram: merges are synchronous, so they never overlap. */
let scratch: JsHistogram | undefined;

/**
 * Percentiles of several instances' windows together: their histograms are
 * added bucket by bucket (same layout everywhere), so the merged p99 is the
 * p99 of all samples, not an average of p99s; the maximum is the exact
 * largest. A window whose bytes are not base64 is left out.
 */
export function mergeLagWindows(parts: readonly { m1: SealedLag; m5: SealedLag }[]): LagWindows {
  const h = (scratch ??= newLagHistogram());
  const one = (pick: 'm1' | 'm5') => {
    h.reset();
    let max = 0;
    for (const p of parts) {
      const w = p[pick];
      if (w.total === 0) continue;
      const bytes = fromBase64(w.b64);
      if (!bytes) continue;
      addSealed({ slot: 0, bytes, total: w.total, max: w.max }, h);
      max = Math.max(max, w.max);
    }
    return lagPercentiles(h, max);
  };
  return { m1: one('m1'), m5: one('m5') };
}
