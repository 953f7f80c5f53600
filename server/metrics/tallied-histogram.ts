import '../server-only';
import type { Registry } from 'prom-client';

/**
 * A Prometheus histogram with one label (`table`) whose counts live in a
 * typed array per table and reach the exposition only at scrape time.
 * prom-client's Histogram hashes its labels and walks its buckets through
 * objects on every observe (~9% of the ingest profile for two lag
 * histograms); here an observation is a bucket search over numbers and two
 * additions. The exposition is the one prom-client writes for a Histogram
 * (`_bucket` with cumulative counts and `le`, then `_sum` and `_count`).
 */
export interface TalliedHistogram {
  /** The counts of one table: keep it and call `observe` on it directly. */
  child(table: string): HistogramCounts;
  remove(table: string): void;
}

export interface HistogramCounts {
  observe(value: number): void;
}

interface Counts extends HistogramCounts {
  /** Per bucket (not cumulative), the last slot for values above every bound. */
  buckets: Float64Array;
  sum: number;
  count: number;
}

type ValuePair = {
  labels: Record<string, string | number>;
  sharedLabels: Record<string, string>;
  value: number;
  metricName: string;
};

export function createTalliedHistogram(
  registry: Registry,
  { name, help, buckets }: { name: string; help: string; buckets: readonly number[] },
): TalliedHistogram {
  const bounds = Float64Array.from(buckets);
  const tables = new Map<string, Counts>();

  function newCounts(): Counts {
    const counts: Counts = {
      buckets: new Float64Array(bounds.length + 1),
      sum: 0,
      count: 0,
      observe(value) {
        let i = 0;
        while (i < bounds.length && value > (bounds[i] ?? Infinity)) i++;
        counts.buckets[i] = (counts.buckets[i] ?? 0) + 1;
        counts.sum += value;
        counts.count++;
      },
    };
    return counts;
  }

  function values(): ValuePair[] {
    const out: ValuePair[] = [];
    for (const [table, c] of tables) {
      const sharedLabels = { table };
      let acc = 0;
      for (let i = 0; i < bounds.length; i++) {
        acc += c.buckets[i] ?? 0;
        out.push({ labels: { le: bounds[i] ?? 0 }, sharedLabels, value: acc, metricName: `${name}_bucket` });
      }
      out.push({ labels: { le: '+Inf' }, sharedLabels, value: c.count, metricName: `${name}_bucket` });
      out.push({ labels: {}, sharedLabels, value: c.sum, metricName: `${name}_sum` });
      out.push({ labels: {}, sharedLabels, value: c.count, metricName: `${name}_count` });
    }
    return out;
  }

  const metric = {
    name,
    help,
    type: 'histogram',
    aggregator: 'sum',
    getForPromString: () => Promise.resolve({ name, help, type: 'histogram', values: values(), aggregator: 'sum' }),
    // The JSON form (registry.getMetricsAsJSON) has the shared labels merged in, as prom-client's own metrics do.
    get: () =>
      Promise.resolve({
        name,
        help,
        type: 'histogram',
        aggregator: 'sum',
        values: values().map(({ labels, sharedLabels, value, metricName }) => ({
          labels: { ...sharedLabels, ...labels },
          value,
          metricName,
        })),
      }),
    reset: () => {
      tables.clear();
    },
  };
  // A structural metric: the registry only calls get/getForPromString and reads name, help, type and aggregator.
  registry.registerMetric(metric as unknown as Parameters<Registry['registerMetric']>[0]);

  return {
    child(table) {
      let c = tables.get(table);
      if (c === undefined) {
        c = newCounts();
        tables.set(table, c);
      }
      return c;
    },
    remove(table) {
      tables.delete(table);
    },
  };
}
