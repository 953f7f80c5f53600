'use client';

import type { ConnectorHealth } from '@/lib/contracts/consumer-lag';
import { Age } from '../age';
import { formatDuration } from '../format';
import { TableColumns, type ColumnSpec } from '../ui/table-columns';
import { connectorTone } from './lag-status';
import { StatusBadge } from './status-badge';

const STATUS_TEXT: Record<string, string> = {
  streaming: 'events within the last seconds',
  idle: 'no recent event, heartbeats arrive',
  stalled: 'neither events nor heartbeats for longer than the stall limit: down, paused or stuck',
  unknown: 'nothing seen yet',
};

const COLUMNS: readonly ColumnSpec[] = [
  { label: 'Server', width: 220 },
  { label: 'Status', width: 110 },
  { label: 'Last event', width: 130 },
  { label: 'Last heartbeat', width: 130 },
  { label: 'Silent for', width: 110, num: true },
  { label: 'Stalled after', width: 110, num: true, title: 'Silent this long → stalled' },
];

/** Liveness of each Debezium connector (logical server name) from its events and heartbeats. */
export function ConnectorsList({ connectors }: { connectors: readonly ConnectorHealth[] }) {
  const stalled = connectors.filter((c) => c.status === 'stalled').length;
  return (
    <section className="panel" aria-labelledby="connectors-heading" data-testid="lag-connectors">
      <div className="panel-head">
        <h2 id="connectors-heading">Connectors</h2>
        <span className="muted">
          {connectors.length} server{connectors.length === 1 ? '' : 's'}
          {stalled > 0 && <span className="hot"> · {stalled} stalled</span>} · alive while events or heartbeats arrive
        </span>
      </div>
      {connectors.length === 0 ? (
        <p className="notice">
          No Debezium connector has been seen yet: a server appears with its first event or heartbeat.
        </p>
      ) : (
        <div className="events-scroll">
          <table className="data-table lag-table" data-testid="connectors-table">
            <TableColumns columns={COLUMNS} />
            <tbody>
              {connectors.map((c) => (
                <tr
                  key={c.serverName}
                  className={`row row-tone-${connectorTone(c.status)}`}
                  data-testid="connector-row"
                  data-server={c.serverName}
                  data-status={c.status}
                >
                  <td className="mono" title={c.serverName}>
                    {c.serverName}
                  </td>
                  <td>
                    <StatusBadge status={c.status} tone={connectorTone(c.status)} title={STATUS_TEXT[c.status]} />
                  </td>
                  <td>
                    <Age at={c.lastEventAt} />
                  </td>
                  <td>
                    {c.lastHeartbeatAt == null ? (
                      <span
                        className="muted"
                        title="Set heartbeat.interval.ms on the connector so a quiet database does not look stalled"
                      >
                        none
                      </span>
                    ) : (
                      <Age at={c.lastHeartbeatAt} />
                    )}
                  </td>
                  <td className="num">{formatDuration(c.silentForMs)}</td>
                  <td className="num muted">{formatDuration(c.stalledAfterMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
