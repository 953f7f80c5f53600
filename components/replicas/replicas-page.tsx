'use client';

import { useReplicas } from '../realtime/use-replicas';
import { PairCard } from './pair-card';
import { SuggestionsPanel } from './suggestions-panel';

/** Every configured replica pair, pushed once a second, and the pairs the seen tables suggest. */
export function ReplicasPage() {
  const { data, error, isPending } = useReplicas({ live: true });
  return (
    <>
      <div className="title-row">
        <h1>Replicas</h1>
        <span className="muted">
          the same tables from two servers, compared event by event: loss, duplicates, divergence and delay
        </span>
      </div>
      {error && !data && (
        <p className="notice notice-error" role="alert">
          Could not load the replica pairs: {error.message}. Retrying…
        </p>
      )}
      {isPending && <p className="notice">Loading replica pairs…</p>}
      {data && data.pairs.length === 0 && (
        <section className="notice" data-testid="replicas-empty">
          <p style={{ margin: 0 }}>
            No replica pair is configured. Add a <code>replicas:</code> entry to the configuration file naming the two
            sides by their Debezium server name (<code>topic.prefix</code>) or source id; cdcscope then compares every
            change seen on both.
          </p>
          {data.suggestions.length > 0 && (
            <p style={{ margin: '8px 0 0' }}>The tables seen so far suggest the pairs below.</p>
          )}
        </section>
      )}
      {data?.pairs.map((p) => (
        <PairCard key={p.pairId} pair={p} />
      ))}
      {data && <SuggestionsPanel suggestions={data.suggestions} />}
    </>
  );
}
