import type { SuggestedReplicaPair } from '@/lib/contracts/replicas';
import { suggestionSnippet } from './replica-format';

const SHOWN_TABLES = 8;

/** Tables seen under two server prefixes: likely replicas of each other, not yet compared. */
export function SuggestionsPanel({ suggestions }: { suggestions: readonly SuggestedReplicaPair[] }) {
  if (suggestions.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="suggestions-heading" data-testid="replica-suggestions">
      <div className="panel-head">
        <h2 id="suggestions-heading">Suggested pairs</h2>
        <span className="muted">
          same table seen under two prefixes: configure a pair to compare them event by event
        </span>
      </div>
      <ul className="suggestions">
        {suggestions.map((s) => (
          <li
            key={`${s.serverA}\u0000${s.serverB}`}
            className="suggestion"
            data-testid="replica-suggestion"
            data-server-a={s.serverA}
            data-server-b={s.serverB}
          >
            <div>
              <strong className="mono">{s.serverA}</strong> <span className="muted">and</span>{' '}
              <strong className="mono">{s.serverB}</strong>{' '}
              <span className="muted">
                share {s.tables.length} table{s.tables.length === 1 ? '' : 's'}:
              </span>
              <span className="chips suggestion-tables">
                {s.tables.slice(0, SHOWN_TABLES).map((t) => (
                  <span key={t} className="chip" title={t}>
                    {t}
                  </span>
                ))}
                {s.tables.length > SHOWN_TABLES && <span className="chip">+{s.tables.length - SHOWN_TABLES} more</span>}
              </span>
            </div>
            <pre className="config-snippet" aria-label="configuration snippet">
              {suggestionSnippet(s)}
            </pre>
          </li>
        ))}
      </ul>
    </section>
  );
}
