'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import type { EventDetail } from '@/lib/contracts/inspector';
import { rowHistoryHref } from '@/lib/row-history/row-key';
import { logPositionView } from '@/lib/event-views/log-position';
import { formatBytes, ROUNDED_SIZE_TITLE, formatClockMs, formatDuration } from '../format';
import { ClockNote } from '../ui/clock-note';
import { LAG_HELP } from '../lag/lag-definitions';
import { schemaHref } from '../realtime/fetch-json';
import { ReplayControl } from '../replay/replay-dialog';
import { CopyButton } from './detail-parts';
import { positionText } from './detail-format';
import { eventHref } from './inspector-query';
import { MaskedText } from './masked-text';

/** The event detail's head: what changed where, what to do with it (row history, copy, replay, link), and when. */

const noSubscription = () => () => {};
const browserOrigin = () => window.location.origin;
const serverOrigin = () => '';

export function DetailHeader({ detail: d }: { detail: EventDetail }) {
  const href = eventHref(d.id);
  const change = d.change;
  // The page's origin for the copyable link: '' on the server render, the browser's after hydration.
  const origin = useSyncExternalStore(noSubscription, browserOrigin, serverOrigin);
  return (
    <header className="detail-head">
      <div className="detail-title">
        {change ? (
          <span className={`op op-${change.op}`}>{change.op}</span>
        ) : (
          <span className="op op-kind">{d.kind}</span>
        )}
        <h2 className="mono">{d.tableKey ?? d.channel}</h2>
        {d.key && (
          <span className="mono detail-key" title={d.key}>
            <MaskedText text={d.key} />
          </span>
        )}
        {d.offShape === true && d.tableKey !== undefined && (
          <Link
            href={schemaHref(d.tableKey)}
            className="badge badge-drift"
            data-testid="detail-off-shape"
            title="this change does not fit its table's current shape (schema drift): see the schema timeline"
          >
            off shape
          </Link>
        )}
      </div>
      <div className="detail-actions">
        {change && change.key !== null && (
          <Link
            href={rowHistoryHref(change.tableKey, change.key)}
            className="btn btn-small"
            data-testid="detail-row-history"
            title="Every change of this row, from the buffer and the broker"
          >
            Row history
          </Link>
        )}
        <CopyButton detail={d} />
        <ReplayControl key={d.id} detail={d} />
        <Link href={href} className="detail-link mono" data-testid="detail-link" title="Link to this event">
          {origin}
          {href}
        </Link>
      </div>
      {d.readFrom === 'broker' && (
        <p className="notice detail-from-broker" data-testid="detail-read-from-broker">
          No longer in the live buffer: read again from the broker at {d.channel} {d.position}.
        </p>
      )}
      <dl className="kv kv-inline">
        <div>
          <dt>log position</dt>
          <dd className="mono" title={logPositionView(d).title}>
            {positionText(d)}
          </dd>
        </div>
        <div>
          <dt>broker</dt>
          <dd className="mono">
            {d.channel} {d.position}
          </dd>
        </div>
        <div>
          <dt>received</dt>
          <dd className="mono" title={new Date(d.receivedAt).toISOString()}>
            {formatClockMs(d.receivedAt)}
          </dd>
        </div>
        <div>
          <dt title={LAG_HELP.endToEnd}>lag</dt>
          <dd data-testid="detail-lag">
            {formatDuration(d.lagMs)}
            <ClockNote clock={d.lagClock} long />
          </dd>
        </div>
        {d.change?.tsMs !== undefined && (
          <div>
            <dt title={LAG_HELP.transport}>transport</dt>
            <dd data-testid="detail-transport">{formatDuration(d.receivedAt - d.change.tsMs)}</dd>
          </div>
        )}
        <div>
          <dt>size</dt>
          <dd title={d.sizeRounded ? ROUNDED_SIZE_TITLE : undefined}>
            {d.sizeRounded ? '≈ ' : ''}
            {formatBytes(d.sizeBytes)}
          </dd>
        </div>
        {d.txId && (
          <div>
            <dt>tx</dt>
            <dd className="mono">{d.txId}</dd>
          </div>
        )}
        <div>
          <dt>kind</dt>
          <dd>{d.kind}</dd>
        </div>
      </dl>
      {d.summary && <p className="muted detail-summary">{d.summary}</p>}
    </header>
  );
}
