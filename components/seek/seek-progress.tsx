'use client';

import type { SeekDoneReason } from '@/lib/contracts/seek';
import { formatInteger } from '../format';
import type { SeekState } from './use-seek';

const REASONS: Record<SeekDoneReason, string> = {
  limit: 'stopped at the result limit',
  'scan-limit': 'stopped at the scan limit (more messages were left to read)',
  'time-limit': 'stopped at the time limit',
  end: 'reached the end of the topic as of the start',
  cancelled: 'cancelled',
};

/** Live figures of the running seek, its Cancel button, and how it ended. */
export function SeekProgressBar({ state, onCancel }: { state: SeekState; onCancel: () => void }) {
  if (state.status === 'idle') return null;
  const p = state.progress;
  return (
    <div className="panel toolbar" data-testid="seek-progress" data-status={state.status} aria-live="polite">
      <dl className="kv kv-inline">
        <div>
          <dt>scanned</dt>
          <dd className="num" data-testid="seek-scanned">
            {formatInteger(p?.scanned ?? 0)}
          </dd>
        </div>
        <div>
          <dt>matched</dt>
          <dd className="num" data-testid="seek-matched">
            {formatInteger(p?.matched ?? state.results.length)}
          </dd>
        </div>
        <div>
          <dt>position</dt>
          <dd className="mono">
            {p?.position ?? '—'}
            {p?.positionTime != null && <span className="muted"> ({new Date(p.positionTime).toLocaleString()})</span>}
          </dd>
        </div>
        <div>
          <dt>elapsed</dt>
          <dd className="num">{((p?.elapsedMs ?? 0) / 1000).toFixed(1)} s</dd>
        </div>
      </dl>
      {state.status === 'running' && (
        <button type="button" className="btn" onClick={onCancel} data-testid="seek-cancel">
          Cancel
        </button>
      )}
      {state.done && (
        <span className="muted" data-testid="seek-done" data-reason={state.done.reason}>
          {REASONS[state.done.reason]}
        </span>
      )}
      {state.error && (
        <p className="notice notice-error" role="alert" data-testid="seek-error">
          {state.error}
        </p>
      )}
    </div>
  );
}
