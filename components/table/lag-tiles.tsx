import type { TableSummary } from '@/lib/contracts/table-stats';
import { PercentileTile } from '../ui/tile';
import { ClockNote } from '../ui/clock-note';

/** Capture and end-to-end lag percentiles over the last 1 and 5 minutes. */
export function LagTiles({ lag, clock }: { lag: TableSummary['lag']; clock?: TableSummary['clock'] }) {
  return (
    <>
      {clock?.note !== undefined && (
        <p className="muted lag-clock" data-testid="lag-clock">
          Capture and end-to-end lag of this table: <ClockNote clock={clock} long />
        </p>
      )}
      <div className="lag-tiles">
        <PercentileTile title="Capture lag · 1 min" lag={lag.capture.m1} testId="lag-capture-m1" countLabel="samples" />
        <PercentileTile title="Capture lag · 5 min" lag={lag.capture.m5} testId="lag-capture-m5" countLabel="samples" />
        <PercentileTile title="End-to-end lag · 1 min" lag={lag.endToEnd.m1} testId="lag-e2e-m1" countLabel="samples" />
        <PercentileTile title="End-to-end lag · 5 min" lag={lag.endToEnd.m5} testId="lag-e2e-m5" countLabel="samples" />
      </div>
    </>
  );
}
