import '../server-only';
import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { DecodedRecord } from '../../lib/contracts/change-event';
import { commitMsOf, processedMsOf } from '../../lib/lag/clock-resolution';
import { scrapeCounters } from './scrape-gauge';
import { createTalliedHistogram, type HistogramCounts } from './tallied-histogram';

/** Lag buckets in seconds: CDC lag lives between milliseconds and hours. */
const LAG_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600];

/**
 * Prometheus metrics for `/metrics`. Label children are cached per table so
 * the hot path does no label hashing; when a table is evicted from the
 * statistics, `forgetTable` drops its series too, keeping cardinality bounded.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cdcscope_process_' });
  // Counts live in plain objects found through nested maps and reach prom-client only at scrape time: label
  // hashing per event cost a fifth of the pipeline's throughput, and joining label strings per event its garbage.
  const bySource = new Map<string, SourceTallies>();
  const sourceOf = (sourceId: string) => {
    let s = bySource.get(sourceId);
    if (s === undefined) {
      s = { records: new Map(), tables: new Map() };
      bySource.set(sourceId, s);
    }
    return s;
  };
  const scrapeCounter = scrapeCounters(registry);
  const counter = (name: string, help: string, labelNames: string[], rows: () => Iterable<[string[], number]>) =>
    scrapeCounter(name, help, labelNames, (c) => {
      for (const [labels, n] of rows())
        if (n > 0) c.inc(Object.fromEntries(labelNames.map((l, i) => [l, labels[i] ?? ''])), n);
    });
  function* tableRows(pick: (t: TableTallies) => Iterable<[string | undefined, number]>) {
    for (const [source, s] of bySource)
      for (const [table, t] of s.tables)
        for (const [extra, n] of pick(t))
          yield [extra === undefined ? [source, table] : [source, table, extra], n] as [string[], number];
  }
  counter('cdcscope_events_total', 'Change events by source, table and op', ['source', 'table', 'op'], () =>
    tableRows((t) => Object.entries(t.ops)),
  );
  counter('cdcscope_event_bytes_total', 'Key + value bytes of decoded change events', ['source', 'table'], () =>
    tableRows((t) => [[undefined, t.bytes]]),
  );
  counter(
    'cdcscope_records_total',
    'All records by source and kind (change, tombstone, transaction, heartbeat, schema-change, undecodable)',
    ['source', 'kind'],
    function* () {
      for (const [source, s] of bySource)
        for (const [kind, n] of s.records) yield [[source, kind], n] as [string[], number];
    },
  );
  counter(
    'cdcscope_undecodable_total',
    'Messages that are not Debezium records we understand',
    ['source', 'table'],
    () => tableRows((t) => [[undefined, t.undecodable]]),
  );
  const captureLag = createTalliedHistogram(registry, {
    name: 'cdcscope_capture_lag_seconds',
    help: 'Debezium ts_ms - source.ts_ms (see cdcscope_source_clock_resolution_ms for how precise)',
    buckets: LAG_BUCKETS,
  });
  const e2eLag = createTalliedHistogram(registry, {
    name: 'cdcscope_end_to_end_lag_seconds',
    help: 'Receive time - source.ts_ms (see cdcscope_source_clock_resolution_ms for how precise)',
    buckets: LAG_BUCKETS,
  });
  const sourceUp = new Gauge({
    name: 'cdcscope_source_up',
    help: '1 when the source is live',
    labelNames: ['source', 'kind'],
    registers: [registry],
  });
  const tables = new Gauge({ name: 'cdcscope_tables', help: 'Tables currently tracked', registers: [registry] });

  const tableOf = (s: SourceTallies, tableKey: string) => {
    let t = s.tables.get(tableKey);
    if (t === undefined) {
      t = { ops: {}, bytes: 0, undecodable: 0, capture: captureLag.child(tableKey), e2e: e2eLag.child(tableKey) };
      s.tables.set(tableKey, t);
    }
    return t;
  };

  return {
    registry,
    observe(rec: DecodedRecord, tableKey: string | undefined) {
      const s = sourceOf(rec.sourceId);
      s.records.set(rec.kind, (s.records.get(rec.kind) ?? 0) + 1);
      if (rec.kind === 'undecodable') {
        tableOf(s, tableKey ?? '').undecodable++;
        return;
      }
      if (rec.kind !== 'change' || !tableKey) return;
      const t = tableOf(s, tableKey);
      t.ops[rec.op] = (t.ops[rec.op] ?? 0) + 1;
      t.bytes += rec.sizeBytes;
      // The finest times the envelope offers (µs where Debezium writes ts_us/ts_ns).
      const src = commitMsOf(rec);
      if (src === undefined) return;
      const processed = processedMsOf(rec);
      // Negative values (clock skew) are counted per connector in cdcscope_negative_lag_events.
      if (processed !== undefined) t.capture.observe(Math.max(0, processed - src) / 1000);
      t.e2e.observe(Math.max(0, rec.receivedAt - src) / 1000);
    },
    setSourceUp(source: string, kind: string, up: boolean) {
      sourceUp.labels(source, kind).set(up ? 1 : 0);
    },
    setTableCount(n: number) {
      tables.set(n);
    },
    forgetTable(tableKey: string) {
      for (const s of bySource.values()) s.tables.delete(tableKey);
      captureLag.remove(tableKey);
      e2eLag.remove(tableKey);
    },
  };
}

/** One source's counts: records by kind, and per table (the undecodable ones without a table under ''). */
interface SourceTallies {
  records: Map<string, number>;
  tables: Map<string, TableTallies>;
}

interface TableTallies {
  ops: Record<string, number>;
  bytes: number;
  undecodable: number;
  capture: HistogramCounts;
  e2e: HistogramCounts;
}

export type Metrics = ReturnType<typeof createMetrics>;
