'use client';

import { memo } from 'react';
import type { SourceStatus, SourceSummary } from '@/lib/contracts/source-status';
import { Age } from '../age';
import { formatBytes, formatDuration, formatInteger } from '../format';
import { useNow } from '../use-now';

const STATUS_LABEL: Record<SourceStatus['type'], string> = {
  connecting: 'connecting',
  live: 'live',
  error: 'error',
  stopped: 'stopped',
};

function StatusDetail({ status }: { status: SourceStatus }) {
  const now = useNow();
  switch (status.type) {
    case 'connecting':
      return <span className="muted source-status-detail">attempt {status.attempt}</span>;
    case 'live':
      return (
        <span className="muted source-status-detail">live for {formatDuration(Math.max(0, now - status.since))}</span>
      );
    case 'stopped':
      return <span className="muted source-status-detail">stopped</span>;
    case 'error':
      return (
        <span className="source-error" role="alert" data-testid="source-error">
          {status.message}
          <span className="muted">
            {' '}
            · attempt {status.attempt}
            {status.nextRetryAt != null && status.nextRetryAt > now
              ? ` · retry in ${formatDuration(status.nextRetryAt - now)}`
              : ''}
          </span>
        </span>
      );
  }
}

/** The source's Schema Registry: reachable or not, schemas cached, the last failure (unknown id, timeout…). */
function RegistryLine({ registry: r }: { registry: NonNullable<SourceSummary['registry']> }) {
  return (
    <p
      className={r.state === 'unreachable' ? 'source-error' : 'muted'}
      data-testid="source-registry"
      data-registry-state={r.state}
      title={r.url}
    >
      Schema Registry {r.state === 'unreachable' ? 'unreachable' : r.state === 'ok' ? 'ok' : 'not used yet'} ·{' '}
      {formatInteger(r.schemas)} schemas
      {r.failedIds > 0 && ` · ${formatInteger(r.failedIds)} failed`}
      {r.lastError !== undefined && r.failedIds > 0 && ` · ${r.lastError}`}
    </p>
  );
}

/** One configured source: what it reads, its health and its counters. */
export const SourceCard = memo(function SourceCard({ source: s }: { source: SourceSummary }) {
  const type = s.status.type;
  return (
    <article
      className="source-card"
      data-testid="source-card"
      data-source-id={s.id}
      data-status={type}
      aria-label={`Source ${s.id}`}
    >
      <div className="source-card-head">
        <h3 title={s.id}>{s.id}</h3>
        <span className="badge badge-kind">{s.kind}</span>
        <span className={`badge badge-${type}`} data-testid="source-status">
          {STATUS_LABEL[type]}
        </span>
      </div>
      <div className="source-target" title="target">
        {s.target}
      </div>
      <StatusDetail status={s.status} />
      {s.registry && <RegistryLine registry={s.registry} />}
      {s.channels.length > 0 && (
        <ul className="chips" aria-label="channels" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {s.channels.slice(0, 12).map((ch) => (
            <li key={ch} className="chip" title={ch}>
              {ch}
            </li>
          ))}
          {s.channels.length > 12 && <li className="chip">+{s.channels.length - 12} more</li>}
        </ul>
      )}
      <dl className="stats">
        <div>
          <dt>Messages</dt>
          <dd data-testid="source-messages">{formatInteger(s.messages)}</dd>
        </div>
        <div>
          <dt>Bytes</dt>
          <dd>{formatBytes(s.bytes)}</dd>
        </div>
        <div>
          <dt>Undecodable</dt>
          <dd className={s.undecodable > 0 ? 'hot' : undefined}>{formatInteger(s.undecodable)}</dd>
        </div>
        <div>
          <dt>Last message</dt>
          <dd>
            <Age at={s.lastMessageAt} />
          </dd>
        </div>
        <div>
          <dt>Reconnects</dt>
          <dd>{formatInteger(s.reconnects)}</dd>
        </div>
        {s.backlog && (
          <div title="How far cdcscope's own reading is behind the source's head: messages not in the statistics yet, and the age of the oldest. While behind, end-to-end lag includes cdcscope's own delay">
            <dt>cdcscope backlog</dt>
            <dd
              className={s.backlog.behind ? 'hot' : undefined}
              data-testid="source-backlog"
              data-behind={s.backlog.behind}
            >
              {s.backlog.messages === 0
                ? 'caught up'
                : `${formatInteger(s.backlog.messages)} · ${formatDuration(s.backlog.seconds * 1000)}`}
            </dd>
          </div>
        )}
      </dl>
    </article>
  );
});
