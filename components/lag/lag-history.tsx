'use client';

import { useMemo } from 'react';
import type { ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import { ConsumerLagChart } from '../charts/consumer-lag-chart';
import { useThrottled } from '../use-throttled';
import { consumerIdLabel } from './lag-status';

/** Charts redraw at most once a second, as the polls come in. */
const CHART_REFRESH_MS = 1000;

interface Entry {
  id: string;
  label: string;
}

/** Ids with history, in table order (Kafka groups, then JetStream consumers), then any others. */
export function historyEntries(s: Pick<ConsumerLagSnapshot, 'kafka' | 'jetstream' | 'history'>): Entry[] {
  const out: Entry[] = [];
  const seen = new Set<string>();
  const add = (id: string, label: string) => {
    if (seen.has(id) || !Array.isArray(s.history[id])) return;
    seen.add(id);
    out.push({ id, label });
  };
  for (const g of s.kafka) add(g.id, `group ${g.group} (${g.sourceId})`);
  for (const c of s.jetstream) add(c.id, `${c.stream} › ${c.consumer} (${c.sourceId})`);
  for (const id of Object.keys(s.history).sort()) add(id, consumerIdLabel(id));
  return out;
}

/** Offset lag and time lag over the last 15 minutes, one small chart per downstream consumer. */
export function LagHistory({ snapshot }: { snapshot: ConsumerLagSnapshot }) {
  const shown = useThrottled(snapshot, CHART_REFRESH_MS);
  const entries = useMemo(() => historyEntries(shown), [shown]);
  if (entries.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="lag-history-heading" data-testid="lag-history">
      <div className="panel-head">
        <h2 id="lag-history-heading">History</h2>
        <span className="muted">offset lag (messages, left) and time lag (right) per poll, last 15 min</span>
      </div>
      <div className="lag-history-grid">
        {entries.map((e) => (
          <figure
            key={e.id}
            className="lag-history-item"
            data-testid="lag-history-chart"
            data-consumer-id={e.id}
            style={{ margin: 0 }}
          >
            <figcaption className="mono" title={e.id}>
              {e.label}
            </figcaption>
            <ConsumerLagChart data={shown.history[e.id] ?? []} label={`Lag history of ${e.label}`} />
          </figure>
        ))}
      </div>
    </section>
  );
}
