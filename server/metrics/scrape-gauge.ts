import { Counter, Gauge, type Registry } from 'prom-client';

/** What prom-client's Gauge and Counter constructors take, as far as a scrape-time metric uses it. */
type ScrapeMetricClass<M> = new (config: {
  name: string;
  help: string;
  labelNames: string[];
  registers: Registry[];
  collect: (this: M) => void;
}) => M;

/**
 * A factory of metrics read at scrape time: each scrape resets the metric and
 * lets `collect` set the current series, so a label set that is gone (a
 * deleted connector, an evicted pair or table) disappears from `/metrics`
 * instead of staying at its last value. The counts themselves live elsewhere
 * (plain objects the hot path bumps without label hashing).
 */
function scrapeMetrics<M extends { reset(): void }>(Kind: ScrapeMetricClass<M>, registry: Registry) {
  return (name: string, help: string, labelNames: string[], collect: (m: M) => void): M =>
    new Kind({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        collect(this);
      },
    });
}

/** Gauges set at each scrape (`g.set(labels, value)` in `collect`). */
export const scrapeGauges = (registry: Registry) => scrapeMetrics<Gauge>(Gauge, registry);

/** Counters whose running totals are kept elsewhere, set at each scrape (`c.inc(labels, total)` after the reset). */
export const scrapeCounters = (registry: Registry) => scrapeMetrics<Counter>(Counter, registry);
