import type { PartialTable } from '../contracts/cluster';
import type { PartialTableStats } from '../analytics/table-stats';
import { packSealed } from './lag-merge';

/** A table's partial statistics in their wire form (histograms as base64), ready for JSON. */
export function packPartial(p: PartialTableStats): PartialTable {
  const { capture, endToEnd } = p.lag;
  return {
    ...p,
    lag: {
      capture: { m1: packSealed(capture.m1), m5: packSealed(capture.m5) },
      endToEnd: { m1: packSealed(endToEnd.m1), m5: packSealed(endToEnd.m5) },
    },
  };
}
