import type { SourceSummary } from '@/lib/contracts/source-status';
import { SourceCard } from './source-card';

export function SourcesPanel({ sources }: { sources: readonly SourceSummary[] }) {
  const live = sources.filter((s) => s.status.type === 'live').length;
  return (
    <section className="panel" aria-labelledby="sources-heading">
      <div className="panel-head">
        <h2 id="sources-heading">Sources</h2>
        <span className="muted">
          {live} of {sources.length} live
        </span>
      </div>
      {sources.length === 0 ? (
        <p className="notice">No source is configured.</p>
      ) : (
        <div className="source-grid">
          {sources.map((s) => (
            <SourceCard key={s.id} source={s} />
          ))}
        </div>
      )}
    </section>
  );
}
