'use client';

import type { TableSummary } from '@/lib/contracts/table-stats';
import { Age } from '../age';
import { formatBytes, formatInteger, formatRate } from '../format';
import { totalEvents } from '../overview/table-row';
import { Tile } from '../ui/tile';

/** Counters of one table: rate, totals by op, snapshot vs streaming, bytes, undecodable, first/last event. */
export function TableStatsTiles({ t }: { t: TableSummary }) {
  const total = totalEvents(t);
  const other = t.totals.t + t.totals.m;
  return (
    <div className="tiles">
      <Tile label="Rate (10 s)" testId="table-rate" value={t.rate}>
        {formatRate(t.rate)}
      </Tile>
      <Tile label="Events" testId="table-total" value={total} sub={`${formatInteger(t.tombstones)} tombstones`}>
        {formatInteger(total)}
      </Tile>
      <Tile label="Creates (c)">{formatInteger(t.totals.c)}</Tile>
      <Tile label="Updates (u)">{formatInteger(t.totals.u)}</Tile>
      <Tile label="Deletes (d)">{formatInteger(t.totals.d)}</Tile>
      <Tile label="Snapshot reads (r)" sub={other > 0 ? `+ ${formatInteger(other)} truncate/message` : undefined}>
        {formatInteger(t.totals.r)}
      </Tile>
      <Tile label="Snapshot / streaming" sub="events by phase" compact>
        <span data-testid="snapshot-events">{formatInteger(t.snapshotEvents)}</span>
        <span className="muted"> / </span>
        <span data-testid="streaming-events">{formatInteger(t.streamingEvents)}</span>
      </Tile>
      <Tile label="Bytes">{formatBytes(t.bytes)}</Tile>
      <Tile label="Undecodable" testId="table-undecodable" value={t.undecodable}>
        <span className={t.undecodable > 0 ? 'hot' : undefined}>{formatInteger(t.undecodable)}</span>
      </Tile>
      <Tile
        label="Last event"
        sub={
          <>
            first <Age at={t.firstEventAt} />
          </>
        }
      >
        <Age at={t.lastEventAt} />
      </Tile>
    </div>
  );
}
