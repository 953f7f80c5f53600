'use client';

import { useReplicas } from '../realtime/use-replicas';
import { QueryStatus } from '../ui/query-status';
import { PairCard } from './pair-card';
import { SuggestionsPanel } from './suggestions-panel';

/** Every configured replica pair, pushed once a second, and the pairs the seen tables suggest. */
export function ReplicasPage() {
  const query = useReplicas({ live: true });
  const { data } = query;
  return (
    <>
      <div className="title-row">
        <h1>Replicas</h1>
        <span className="muted">
          the same tables from two servers, compared event by event: loss, duplicates, divergence and delay
        </span>
      </div>
      <QueryStatus query={query} what="the replica pairs" />
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
