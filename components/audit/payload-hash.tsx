'use client';

import { useClipboard } from '../use-clipboard';
import { shortHash } from './audit-format';

/** The payload's SHA-256, short; the full hash in the tooltip and one click from the clipboard. */
export function PayloadHash({ hex }: { hex: string }) {
  const { state, copy } = useClipboard();
  return (
    <span className="audit-hash">
      <span className="mono" title={`SHA-256 of the bytes sent: ${hex}`} data-testid="audit-hash" data-hash={hex}>
        {shortHash(hex)}
      </span>{' '}
      <button
        type="button"
        className="btn btn-small"
        onClick={() => void copy(hex)}
        aria-label={`Copy the full payload hash ${hex}`}
        data-testid="audit-hash-copy"
        data-state={state}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Failed' : 'Copy'}
      </button>
    </span>
  );
}
