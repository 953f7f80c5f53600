'use client';

import { formatBytes, formatInteger } from '../format';
import type { SeekEvent } from './use-seek';

/** Rows rendered at once; the rest wait behind "show more" so a 10,000-result seek never builds 10,000 rows in one go. */
export const RENDER_STEP = 500;

interface Props {
  /** Before the first seek there is nothing to say "no matches" about. */
  idle: boolean;
  results: SeekEvent[];
  dropped: number;
  shown: number;
  onShowMore: () => void;
  selected: string | null;
  onSelect: (e: SeekEvent) => void;
}

function previewText(e: SeekEvent): string {
  if (!e.preview) return e.item.summary ?? e.item.reason ?? '';
  const text = Object.entries(e.preview.fields)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return e.preview.truncated ? `${text} …` : text;
}

/** Matches in broker order; text only (React escapes it), the whole message is fetched when a row is opened. */
export function SeekResults({ idle, results, dropped, shown, onShowMore, selected, onSelect }: Props) {
  if (idle)
    return (
      <p className="muted" data-testid="seek-idle">
        Nothing read yet: name a topic or subject and a start point above, then Seek.
      </p>
    );
  if (results.length === 0)
    return (
      <p className="muted" data-testid="seek-empty">
        No matching events yet.
      </p>
    );
  return (
    <div className="panel inspector-list-panel">
      <div className="list-scroll">
        <table className="data-table inspector-table" data-testid="seek-results">
          <thead>
            <tr>
              <th>position</th>
              <th>broker time</th>
              <th>op</th>
              <th>table</th>
              <th>key</th>
              <th>row</th>
              <th className="num">size</th>
            </tr>
          </thead>
          <tbody>
            {results.slice(0, shown).map((e) => (
              <tr key={e.item.id} aria-selected={selected === e.item.id} data-testid="seek-row" data-id={e.item.id}>
                <td className="mono">
                  <button
                    type="button"
                    className="expand-btn mono"
                    onClick={() => onSelect(e)}
                    aria-label={`Open ${e.item.id}`}
                  >
                    {e.item.position}
                  </button>
                </td>
                <td className="mono">{new Date(e.item.receivedAt).toLocaleString()}</td>
                <td>
                  {e.item.op ? (
                    <span className={`op op-${e.item.op}`}>{e.item.op}</span>
                  ) : (
                    <span className="op op-kind">{e.item.kind}</span>
                  )}
                </td>
                <td className="mono">{e.item.tableKey ?? e.item.channel}</td>
                <td className="mono">{e.item.key ?? ''}</td>
                <td className="mono notes-cell" title={previewText(e)} data-testid="seek-preview">
                  {previewText(e)}
                </td>
                <td className="num">{formatBytes(e.item.sizeBytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="inspector-foot muted">
        {formatInteger(results.length)} results
        {shown < results.length && (
          <button type="button" className="btn btn-small" onClick={onShowMore}>
            show {formatInteger(Math.min(RENDER_STEP, results.length - shown))} more
          </button>
        )}
        {dropped > 0 && <span> · {formatInteger(dropped)} more not kept by this page</span>}
      </div>
    </div>
  );
}
