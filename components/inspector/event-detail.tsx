'use client';

import type { EventDetail } from '@/lib/contracts/inspector';
import { KeyValues } from './detail-parts';
import { sourceEntries, transactionEntries } from './detail-format';
import { MaskedText } from './masked-text';
import { EncodingSections } from './encoding-sections';
import { DetailHeader } from './detail-header';
import { DetailChange } from './detail-change';
import { DetailRaw } from './detail-raw';

/** One event in full: its head, encodings, what it changed, source and transaction, and the raw message. */
export function EventDetailView({ detail: d }: { detail: EventDetail }) {
  return (
    <article
      className="panel inspector-detail"
      data-testid="inspector-detail"
      data-id={d.id}
      aria-label={`Event ${d.id}`}
    >
      <DetailHeader detail={d} />

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

      <DetailChange detail={d} />

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

      <DetailRaw detail={d} />
    </article>
  );
}
