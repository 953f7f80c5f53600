import type { TableSummary } from '@/lib/contracts/table-stats';
import { PercentileTile } from '../ui/tile';
import { ClockNote } from '../ui/clock-note';
import { WhileBehindNote } from '../ui/while-behind-note';

/**
 * Capture and end-to-end lag percentiles over the last 1 and 5 minutes. While
 * cdcscope itself is behind one of the table's sources (`behindSeconds`), the
 * end-to-end tiles say so: their figures include cdcscope's own delay. Capture
 * lag is the connector's alone and is never flagged.
 */
export function LagTiles({
  lag,
  clock,
  behindSeconds,
}: {
  lag: TableSummary['lag'];
  clock?: TableSummary['clock'];
  behindSeconds?: number | undefined;
}) {
  const behind = <WhileBehindNote seconds={behindSeconds} />;
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
        <PercentileTile
          title="End-to-end lag · 1 min"
          lag={lag.endToEnd.m1}
          testId="lag-e2e-m1"
          countLabel="samples"
          note={behind}
        />
        <PercentileTile
          title="End-to-end lag · 5 min"
          lag={lag.endToEnd.m5}
          testId="lag-e2e-m5"
          countLabel="samples"
          note={behind}
        />
      </div>
    </>
  );
}
