'use client';

import { useClipboard } from '../use-clipboard';
import type { EventDetail } from '@/lib/contracts/inspector';
import { detailJson, valueView, type Entry } from './detail-format';
import { MaskedText } from './masked-text';

/** Building blocks of the event detail: values, key/value lists, the raw view's masking badge, copy as JSON. */

/** A value as text: null/absent/masked styled, objects and long strings folded in `<details>`. */
export function Value({ v, present }: { v: unknown; present: boolean }) {
  const view = valueView(v, present);
  switch (view.kind) {
    case 'absent':
      return (
        <span className="muted" title="not in this image">
          —
        </span>
      );
    case 'null':
      return <span className="value-null">null</span>;
    case 'masked':
      return (
        <span className="masked" title="masked on the server">
          {view.text}
        </span>
      );
    case 'scalar':
      return (
        <span className="value-text">
          <MaskedText text={view.text} />
        </span>
      );
    case 'long':
    case 'nested':
      return (
        <details className="value-fold">
          <summary>
            <MaskedText text={view.summary} />
          </summary>
          <pre className="value-pre">
            <MaskedText text={view.text} />
          </pre>
        </details>
      );
  }
}

export function KeyValues({ entries, testId }: { entries: readonly Entry[]; testId?: string }) {
  if (entries.length === 0) return <p className="muted kv-empty">none</p>;
  return (
    <dl className="kv" data-testid={testId}>
      {entries.map(([k, v], i) => (
        <div key={`${k}\u0000${i}`}>
          <dt>{k}</dt>
          <dd className="mono">
            <MaskedText text={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export const MASKING_LABEL: Record<EventDetail['raw']['masking'], { text: string; tone: string; title: string }> = {
  none: {
    text: 'as received',
    tone: 'badge-tone-idle',
    title: 'The bytes as received (masking found nothing to hide, or is off)',
  },
  reserialized: {
    text: 'masked · re-serialized',
    tone: 'badge-tone-warn',
    title:
      'Parsed, masked and written back as compact JSON: formatting and big-number precision may differ from the bytes received',
  },
  withheld: {
    text: 'withheld',
    tone: 'badge-tone-err',
    title: 'Masking is on and the text could not be read to mask it: replaced by a notice',
  },
};

export function CopyButton({ detail }: { detail: EventDetail }) {
  const { state, copy } = useClipboard();
  return (
    <button
      type="button"
      className="btn"
      onClick={() => void copy(detailJson(detail))}
      data-testid="detail-copy"
      data-state={state}
    >
      {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : 'Copy as JSON'}
    </button>
  );
}

/** Everything the server tells about one event. All values are rendered as text. */
