import type { LagPercentiles } from '@/lib/contracts/table-stats';
import { formatDuration } from '../format';

/** "p50 · p95 · p99" of one lag window, or a dash when the window has no sample. */
export function LagTriplet({ lag }: { lag: LagPercentiles }) {
  if (lag.count === 0 || lag.p50 == null) return <span className="muted">—</span>;
  return (
    <span className="lag-triplet" title={`p50 / p95 / p99 over ${lag.count} samples, max ${formatDuration(lag.max)}`}>
      {/* Each figure says which percentile it is: three bare numbers read as anything. */}
      <span className="pct">p50</span>
      {formatDuration(lag.p50)}
      <span className="sep">·</span>
      <span className="pct">p95</span>
      {formatDuration(lag.p95)}
      <span className="sep">·</span>
      <span className="pct">p99</span>
      {formatDuration(lag.p99)}
    </span>
  );
}
