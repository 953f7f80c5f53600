'use client';

import type { ReplayOutcome, ReplayPreview } from '@/lib/contracts/replay';
import { formatBytes } from '../format';
import { KeyValues } from '../inspector/detail-parts';
import { prettyJsonText } from '../inspector/detail-format';
import { MaskedText } from '../inspector/masked-text';

/** Exactly what will be sent: target, key, headers, value, and the hash the audit log will record. */
export function PreviewView({ preview: p }: { preview: ReplayPreview }) {
  return (
    <div className="replay-preview" data-testid="replay-preview-view">
      <dl className="kv kv-inline">
        <div>
          <dt>target</dt>
          <dd className="mono" data-testid="replay-target">
            {p.sink.kind}: {p.sink.target}
          </dd>
        </div>
        <div>
          <dt>size</dt>
          <dd>{formatBytes(p.payloadBytes)}</dd>
        </div>
        <div>
          <dt>sha-256</dt>
          <dd className="mono" title={p.payloadSha256}>
            {p.payloadSha256.slice(0, 16)}…
          </dd>
        </div>
        <div>
          <dt>payload</dt>
          <dd>
            {p.masked ? (
              <span className="badge badge-tone-warn">masked</span>
            ) : (
              <span className="badge badge-tone-err">unmasked original</span>
            )}{' '}
            {p.edited && <span className="badge">edited</span>}
          </dd>
        </div>
        <div>
          <dt>encoding</dt>
          <dd data-testid="replay-encoding-shown">
            {p.message.encoded === undefined
              ? 'JSON text'
              : `${p.message.encoded.format === 'avro' ? 'Avro' : 'JSON Schema'} in the wire format, value schema id ${p.message.encoded.valueSchemaId}${p.message.encoded.keySchemaId === undefined ? '' : `, key schema id ${p.message.encoded.keySchemaId}`} (the JSON below, encoded)`}
          </dd>
        </div>
      </dl>
      <h4>Key</h4>
      <pre className="raw-pre">
        {p.message.key === null ? '(none)' : <MaskedText text={prettyJsonText(p.message.key)} />}
      </pre>
      <h4>Headers</h4>
      <KeyValues entries={Object.entries(p.message.headers)} testId="replay-headers" />
      <h4>Value</h4>
      <pre className="raw-pre raw-value" data-testid="replay-value">
        {p.message.value === null ? 'null (tombstone)' : <MaskedText text={prettyJsonText(p.message.value)} />}
      </pre>
    </div>
  );
}

export function OutcomeView({ outcome: o }: { outcome: ReplayOutcome }) {
  const ok = o.status === 'sent';
  const text =
    o.result === null
      ? 'outcome unknown (the server stopped while sending)'
      : o.result.ok
        ? o.result.detail
        : o.result.error;
  return (
    <p
      className={`notice ${ok ? '' : 'notice-error'}`}
      role="status"
      data-testid="replay-result"
      data-status={o.status}
      data-repeated={String(o.repeated)}
    >
      {ok ? 'Sent' : o.status === 'failed' ? 'Failed' : 'Unknown'} to {o.sink.kind} {o.sink.target}: {text}
      {o.repeated && ' (this replay id had already been sent: nothing was sent again)'} · replay id{' '}
      <span className="mono">{o.replayId}</span>
    </p>
  );
}
