'use client';

import Link from 'next/link';
import { useSyncExternalStore } from 'react';
import { CopyButton, KeyValues, MASKING_LABEL, Value } from './detail-parts';
import type { EventDetail } from '@/lib/contracts/inspector';
import { formatBytes, ROUNDED_SIZE_TITLE, formatClockMs, formatDuration } from '../format';
import { ClockNote } from '../ui/clock-note';
import { LAG_HELP } from '../lag/lag-definitions';
import { diffRowView } from '../replicas/replica-format';
import {
  fieldRows,
  isMaskedValue,
  originEntries,
  positionText,
  sourceEntries,
  transactionEntries,
  prettyJsonText,
} from './detail-format';
import { eventHref } from './inspector-query';
import { schemaHref } from '../realtime/fetch-json';
import { rowHistoryHref } from '@/lib/row-history/row-key';
import { logPositionView } from '@/lib/event-views/log-position';
import { MaskedText } from './masked-text';
import { ReplayControl } from '../replay/replay-dialog';
import { EncodingSections } from './encoding-sections';

const noSubscription = () => () => {};
const browserOrigin = () => window.location.origin;
const serverOrigin = () => '';

export function EventDetailView({ detail: d }: { detail: EventDetail }) {
  const href = eventHref(d.id);
  const rows = fieldRows(d);
  const change = d.change;
  // The page's origin for the copyable link: '' on the server render, the browser's after hydration.
  const origin = useSyncExternalStore(noSubscription, browserOrigin, serverOrigin);

  return (
    <article
      className="panel inspector-detail"
      data-testid="inspector-detail"
      data-id={d.id}
      aria-label={`Event ${d.id}`}
    >
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

      <EncodingSections detail={d} />

      {d.undecodable && (
        <section className="detail-section" aria-label="Undecodable">
          <h3>Undecodable</h3>
          <p className="notice notice-error">{d.undecodable.reason}</p>
          <pre className="raw-pre">
            <MaskedText text={d.undecodable.preview} />
          </pre>
          {d.undecodable.truncated && <p className="muted">Preview truncated.</p>}
        </section>
      )}

      {change && rows.length > 0 && (
        <section className="detail-section" aria-label="Row">
          <h3>
            Row <span className="muted">{change.op === 'u' ? 'changed fields highlighted' : ''}</span>
          </h3>
          <div className="detail-scroll">
            <table className="detail-fields" data-testid="detail-fields">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr
                    key={r.name}
                    className={r.changed ? 'changed' : undefined}
                    data-testid="detail-field-row"
                    data-field={r.name}
                    data-changed={r.changed ? 'true' : 'false'}
                  >
                    <th scope="row" className="mono">
                      {r.name}
                      {r.changedPaths.length > 0 && <span className="changed-paths">{r.changedPaths.join(', ')}</span>}
                    </th>
                    <td className="mono">
                      <Value v={r.before} present={r.inBefore} />
                    </td>
                    <td className="mono">
                      <Value v={r.after} present={r.inAfter} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {change?.message && (
        <section className="detail-section" aria-label="Logical message">
          <h3>Logical message</h3>
          <KeyValues
            entries={[
              ['prefix', change.message.prefix],
              ['content', change.message.content],
            ]}
          />
        </section>
      )}

      {d.diff && (
        <section className="detail-section" aria-label="Diff">
          <h3>
            Diff{' '}
            <span className="muted">
              {d.diff.changes.length} change{d.diff.changes.length === 1 ? '' : 's'}
            </span>
          </h3>
          {d.diff.changes.length === 0 ? (
            <p className="muted">No field differs between before and after.</p>
          ) : (
            <table className="diff-table" data-testid="detail-diff">
              <thead>
                <tr>
                  <th scope="col">Path</th>
                  <th scope="col">Change</th>
                  <th scope="col">Before</th>
                  <th scope="col" aria-hidden="true" />
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {d.diff.changes.map((c, i) => {
                  const v = diffRowView(c);
                  const masked = isMaskedValue(c.before) || isMaskedValue(c.after);
                  return (
                    <tr key={`${v.path}\u0000${i}`} data-testid="detail-diff-row" data-path={v.path}>
                      <td className="mono diff-path">{v.path}</td>
                      <td>
                        <span className={`diff-kind diff-kind-${v.kind}`}>{v.kind}</span>
                        {v.flags.map((f) => (
                          <span key={f} className="badge badge-tone-warn">
                            {f}
                          </span>
                        ))}
                      </td>
                      <td className="mono">
                        <span className={masked ? 'masked' : 'diff-value diff-before'}>
                          {masked ? String(c.before) : v.before}
                        </span>
                      </td>
                      <td className="muted" aria-hidden="true">
                        →
                      </td>
                      <td className="mono">
                        <span className={masked ? 'masked' : 'diff-value diff-after'}>
                          {masked ? String(c.after) : v.after}
                        </span>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {(d.diff.omitted > 0 || !d.diff.complete) && (
            <p className="muted">
              {d.diff.omitted > 0
                ? `+ ${d.diff.omitted} more difference${d.diff.omitted === 1 ? '' : 's'} not shown (diff size cap). `
                : ''}
              {!d.diff.complete
                ? 'The diff is incomplete: the row table above marks changed columns from the event too.'
                : ''}
            </p>
          )}
        </section>
      )}

      <div className="detail-grid">
        <section className="detail-section" aria-label="Source">
          <h3>Source</h3>
          <KeyValues entries={sourceEntries(d.source)} testId="detail-source" />
        </section>
        <section className="detail-section" aria-label="Transaction">
          <h3>Transaction</h3>
          <KeyValues entries={transactionEntries(d.transaction, d.txId)} testId="detail-transaction" />
        </section>
      </div>

      <section className="detail-section" aria-label="Raw message">
        <h3 className="raw-head">
          Raw message{' '}
          <span
            className={`badge ${MASKING_LABEL[d.raw.masking].tone}`}
            title={MASKING_LABEL[d.raw.masking].title}
            data-testid="detail-masking"
            data-masking={d.raw.masking}
          >
            {MASKING_LABEL[d.raw.masking].text}
          </span>{' '}
          <span className="muted" title={d.raw.sizeRounded ? ROUNDED_SIZE_TITLE : undefined}>
            {d.raw.sizeRounded ? '≈ ' : ''}
            {formatBytes(d.raw.sizeBytes)}
          </span>
        </h3>
        {d.raw.decodedFrom && (
          <p className="notice" data-testid="detail-raw-decoded" data-format={d.raw.decodedFrom.format}>
            {d.raw.decodedFrom.format === 'avro' ? 'Avro' : 'JSON Schema'} in the Schema Registry wire format (value
            schema id {d.raw.decodedFrom.valueSchemaId}
            {d.raw.decodedFrom.keySchemaId !== undefined && `, key schema id ${d.raw.decodedFrom.keySchemaId}`}): shown
            decoded as JSON.
          </p>
        )}
        {d.raw.truncated && (
          <p className="notice" data-testid="detail-raw-truncated">
            The value is cut: only the first part of {formatBytes(d.raw.sizeBytes)} is shown.
          </p>
        )}
        <div className="detail-grid">
          <div>
            <h4>Broker</h4>
            <KeyValues entries={originEntries(d.raw.origin)} />
          </div>
          <div>
            <h4>Headers</h4>
            <KeyValues entries={Object.entries(d.raw.headers)} />
          </div>
        </div>
        <h4>Key</h4>
        {d.raw.key === null ? (
          <p className="muted">no key</p>
        ) : (
          <pre className="raw-pre" data-testid="detail-raw-key">
            <MaskedText text={prettyJsonText(d.raw.key)} />
          </pre>
        )}
        <h4>Value</h4>
        {d.raw.value === null ? (
          <p className="muted" data-testid="detail-raw-value">
            null (tombstone)
          </p>
        ) : (
          <pre className="raw-pre raw-value" data-testid="detail-raw-value">
            <MaskedText text={prettyJsonText(d.raw.value)} />
          </pre>
        )}
      </section>
    </article>
  );
}
