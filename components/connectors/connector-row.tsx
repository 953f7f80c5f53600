'use client';

import Link from 'next/link';
import type { ConnectorView, ServerView } from '@/lib/contracts/connectors';
import { Age } from '../age';
import { tableHref } from '../realtime/fetch-json';
import { StatusBadge } from '../lag/status-badge';
import { connectorTone } from '../lag/lag-status';
import { healthTone, snapshotText, stateTone } from './connectors-format';

type Act = (url: 'pause' | 'resume' | 'restart-task', connector: string, task?: number) => void;

/** What the data shows of a prefix: liveness with its heartbeat, snapshot per table, tables linked to their pages. */
export function ServerCells({ server }: { server: ServerView | null }) {
  if (!server) return <span className="muted">no events seen under this prefix</span>;
  const l = server.liveness;
  return (
    <div data-testid="server-view" data-server={server.serverName}>
      {l && (
        <div>
          <StatusBadge status={l.status} tone={connectorTone(l.status)} testId="connector-liveness" />{' '}
          <span className="muted">
            {l.lastHeartbeatAt !== null ? (
              <>
                heartbeat <Age at={l.lastHeartbeatAt} />
              </>
            ) : (
              'no heartbeats seen'
            )}
          </span>
        </div>
      )}
      {server.snapshot && (
        <details data-testid="connector-snapshot" data-state={server.snapshot.state}>
          <summary>snapshot {snapshotText(server.snapshot)}</summary>
          <ul className="plain-list">
            {server.snapshot.tables.map((t) => (
              <li key={t.table} data-testid="snapshot-table" data-state={t.state}>
                <span className="mono">{t.table}</span> {t.state} · {t.rows} rows
              </li>
            ))}
          </ul>
        </details>
      )}
      <div className="muted">
        {server.tables.slice(0, 5).map((t, i) => (
          <span key={t}>
            {i > 0 && ', '}
            <Link href={tableHref(t)} className="mono">
              {t.slice(server.serverName.length + 1)}
            </Link>
          </span>
        ))}
        {server.tables.length + server.tablesMore > 5 && ` +${server.tables.length + server.tablesMore - 5} more`}
      </div>
    </div>
  );
}

export function ConnectorRow({
  c,
  canOperate,
  busy,
  act,
}: {
  c: ConnectorView;
  canOperate: boolean;
  busy: boolean;
  act: Act;
}) {
  return (
    <tr className="row" data-testid="connector-row" data-connector={c.name} data-state={c.state}>
      <td>
        <div className="mono">{c.name}</div>
        <div className="muted" title={c.className ?? undefined}>
          {c.className?.split('.').pop() ?? c.type}
        </div>
      </td>
      <td>
        <StatusBadge status={c.state} tone={stateTone(c.state)} testId="connector-state" />{' '}
        <StatusBadge status={c.health} tone={healthTone(c.health)} testId="connector-health" />
        {c.workerId && <div className="muted mono">{c.workerId}</div>}
        {c.trace && (
          <details>
            <summary className="source-error">connector failure</summary>
            <pre className="trace">{c.trace}</pre>
          </details>
        )}
      </td>
      <td>
        {c.tasks.length === 0 && <span className="muted">no tasks</span>}
        {c.tasks.map((t) => (
          <div key={t.id} data-testid="connector-task" data-task={t.id} data-state={t.state}>
            task {t.id} <StatusBadge status={t.state} tone={stateTone(t.state)} testId="task-state" />{' '}
            {t.workerId && <span className="muted mono">{t.workerId}</span>}{' '}
            {canOperate && t.state === 'FAILED' && (
              <button
                type="button"
                className="btn"
                disabled={busy}
                onClick={() => act('restart-task', c.name, t.id)}
                data-testid="task-restart"
              >
                Restart task
              </button>
            )}
            {t.trace && (
              <details data-testid="task-trace">
                <summary className="source-error">failure trace</summary>
                <pre className="trace">{t.trace}</pre>
              </details>
            )}
          </div>
        ))}
      </td>
      <td className="mono">{c.topicPrefix ?? <span className="muted">–</span>}</td>
      <td>
        <ServerCells server={c.server} />
      </td>
      <td>
        {canOperate &&
          (c.state === 'PAUSED' ? (
            <button
              type="button"
              className="btn"
              disabled={busy}
              onClick={() => act('resume', c.name)}
              data-testid="connector-resume"
            >
              Resume
            </button>
          ) : (
            <button
              type="button"
              className="btn"
              disabled={busy || c.state !== 'RUNNING'}
              onClick={() => act('pause', c.name)}
              data-testid="connector-pause"
            >
              Pause
            </button>
          ))}
      </td>
    </tr>
  );
}
