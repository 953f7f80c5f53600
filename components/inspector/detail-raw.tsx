'use client';

import type { EventDetail } from '@/lib/contracts/inspector';
import { formatBytes, ROUNDED_SIZE_TITLE } from '../format';
import { KeyValues, MASKING_LABEL } from './detail-parts';
import { originEntries, prettyJsonText } from './detail-format';
import { MaskedText } from './masked-text';

/** The message as the broker delivered it: masking state, wire format, broker position, headers, key and value. */

export function DetailRaw({ detail: d }: { detail: EventDetail }) {
  return (
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
  );
}
