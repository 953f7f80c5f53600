'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectorActionResult, EndpointStatus } from '@/lib/contracts/connectors';
import { errorMessage } from '@/lib/error-message';
import { Age } from '../age';
import { auditQueryKey } from '../audit/use-audit-page';
import { fetchMe } from '../layout/user-menu';
import { StatusBadge } from '../lag/status-badge';
import { QueryStatus } from '../ui/query-status';
import { actionUrl } from './connectors-format';
import { connectorsQueryKey, postAction, useConnectors } from './connectors-api';
import { ConnectorRow, ServerCells } from './connector-row';

function Endpoint({ name, s, testId }: { name: string; s: EndpointStatus; testId: string }) {
  return (
    <p
      className={s.state === 'down' ? 'notice notice-error' : 'notice'}
      role={s.state === 'down' ? 'alert' : undefined}
      data-testid={testId}
      data-state={s.state}
    >
      {name} <span className="mono">{s.url}</span>:{' '}
      <StatusBadge status={s.state} tone={s.state === 'up' ? 'ok' : s.state === 'down' ? 'err' : 'idle'} />{' '}
      {s.error && <span>{s.error}. </span>}
      {s.state === 'down' &&
        (s.lastOkAt !== null ? (
          <span>
            Showing its last answer, from <Age at={s.lastOkAt} />.
          </span>
        ) : (
          <span>It has not answered since cdcscope started.</span>
        ))}
    </p>
  );
}

/**
 * `/connectors`: Kafka Connect's connectors and tasks (state, worker, failure
 * trace), each linked to its topic prefix's tables, heartbeats and snapshot;
 * Debezium Server's health; and the operator's pause, resume and task
 * restart (each recorded in the audit log before Connect is asked).
 */
export function ConnectorsPage() {
  const query = useConnectors();
  const me = useQuery({ queryKey: ['me'], queryFn: ({ signal }) => fetchMe(signal), retry: 1 });
  const client = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<ConnectorActionResult | string | null>(null);
  const data = query.data;

  const act = (action: 'pause' | 'resume' | 'restart-task', connector: string, task?: number) => {
    setBusy(true);
    postAction(actionUrl(connector, action, task), me.data?.csrfToken)
      .then((r) => setLast(r))
      .catch((err: unknown) => setLast(errorMessage(err)))
      .finally(() => {
        setBusy(false);
        void client.invalidateQueries({ queryKey: connectorsQueryKey });
        void client.invalidateQueries({ queryKey: auditQueryKey });
      });
  };

  return (
    <>
      <div className="title-row">
        <h1>Connectors</h1>
        <span className="muted">Kafka Connect and Debezium Server health, heartbeats and snapshots per connector</span>
      </div>
      <QueryStatus query={query} what="the connectors" />
      {last !== null && (
        <p
          className={typeof last === 'string' || !last.ok ? 'notice notice-error' : 'notice'}
          role="status"
          data-testid="connector-action-result"
        >
          {typeof last === 'string'
            ? `Refused: ${last}`
            : `${last.action === 'restart-task' ? `restart task ${last.task ?? 0} of` : last.action} ${last.connector}: ${last.detail} (in the audit log)`}
        </p>
      )}
      {data && (
        <>
          <section className="panel" aria-labelledby="connect-heading" data-testid="connect-panel">
            <div className="panel-head">
              <h2 id="connect-heading">Kafka Connect</h2>
              {!data.canOperate && data.connect && (
                <span className="muted">pause, resume and restart need the operator role</span>
              )}
            </div>
            {data.connect === null ? (
              <p className="notice" data-testid="connect-unconfigured">
                No Kafka Connect configured: add <code>connect: {'{ url }'}</code> to the configuration.
              </p>
            ) : (
              <Endpoint name="Kafka Connect" s={data.connect} testId="connect-status" />
            )}
            {data.connectors.length > 0 && (
              <div className="events-scroll">
                <table className="data-table" data-testid="connectors-table">
                  <thead>
                    <tr>
                      <th>Connector</th>
                      <th>State</th>
                      <th>Tasks</th>
                      <th>Topic prefix</th>
                      <th>Seen in the data</th>
                      <th>
                        <span className="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.connectors.map((c) => (
                      <ConnectorRow key={c.name} c={c} canOperate={data.canOperate} busy={busy} act={act} />
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
          {data.debeziumServer && (
            <section className="panel" aria-labelledby="dbz-heading" data-testid="debezium-server-panel">
              <div className="panel-head">
                <h2 id="dbz-heading">Debezium Server</h2>
              </div>
              <Endpoint name="Health endpoint" s={data.debeziumServer} testId="debezium-server-status" />
              {data.debeziumServer.status !== null && (
                <ul className="plain-list">
                  <li>
                    overall{' '}
                    <StatusBadge
                      status={data.debeziumServer.status}
                      tone={data.debeziumServer.status === 'UP' ? 'ok' : 'err'}
                      testId="debezium-server-health"
                    />
                  </li>
                  {data.debeziumServer.checks.map((c) => (
                    <li key={c.name}>
                      {c.name} <StatusBadge status={c.status} tone={c.status === 'UP' ? 'ok' : 'err'} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          )}
          {data.unlinked.length > 0 && (
            <section className="panel" aria-labelledby="unlinked-heading" data-testid="unlinked-panel">
              <div className="panel-head">
                <h2 id="unlinked-heading">Other connectors seen in the data</h2>
                <span className="muted">
                  topic prefixes no Kafka Connect connector claims (Debezium Server, another cluster)
                </span>
              </div>
              <table className="data-table">
                <tbody>
                  {data.unlinked.map((s) => (
                    <tr key={s.serverName} className="row">
                      <td className="mono">{s.serverName}</td>
                      <td>
                        <ServerCells server={s} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </>
      )}
    </>
  );
}
