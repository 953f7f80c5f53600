import '../server-only';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DecodedRecord } from '../../lib/contracts/change-event';
import { commitMsOf, processedMsOf } from '../../lib/lag/clock-resolution';

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
  // Counts live in plain maps and reach prom-client only at scrape time: label
  // hashing per event cost a fifth of the pipeline's throughput.
  const tallies = {
    events: new Map<string, { labels: string[]; n: number }>(),
    bytes: new Map<string, { labels: string[]; n: number }>(),
    records: new Map<string, { labels: string[]; n: number }>(),
    undecodable: new Map<string, { labels: string[]; n: number }>(),
  };
  const bump = (map: Map<string, { labels: string[]; n: number }>, labels: string[], by = 1) => {
    const key = labels.join('\u0000');
    const t = map.get(key);
    if (t) t.n += by;
    else map.set(key, { labels, n: by });
  };
  const counter = (
    name: string,
    help: string,
    labelNames: string[],
    map: Map<string, { labels: string[]; n: number }>,
  ) =>
    new Counter({
      name,
      help,
      labelNames,
      registers: [registry],
      collect() {
        this.reset();
        for (const t of map.values())
          this.inc(Object.fromEntries(labelNames.map((l, i) => [l, t.labels[i] ?? ''])), t.n);
      },
    });
  counter('cdcscope_events_total', 'Change events by source, table and op', ['source', 'table', 'op'], tallies.events);
  counter(
    'cdcscope_event_bytes_total',
    'Key + value bytes of decoded change events',
    ['source', 'table'],
    tallies.bytes,
  );
  counter(
    'cdcscope_records_total',
    'All records by source and kind (change, tombstone, transaction, heartbeat, schema-change, undecodable)',
    ['source', 'kind'],
    tallies.records,
  );
  counter(
    'cdcscope_undecodable_total',
    'Messages that are not Debezium records we understand',
    ['source', 'table'],
    tallies.undecodable,
  );
  const captureLag = new Histogram({
    name: 'cdcscope_capture_lag_seconds',
    help: 'Debezium ts_ms - source.ts_ms (see cdcscope_source_clock_resolution_ms for how precise)',
    labelNames: ['table'],
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const e2eLag = new Histogram({
    name: 'cdcscope_end_to_end_lag_seconds',
    help: 'Receive time - source.ts_ms (see cdcscope_source_clock_resolution_ms for how precise)',
    labelNames: ['table'],
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const sourceUp = new Gauge({
    name: 'cdcscope_source_up',
    help: '1 when the source is live',
    labelNames: ['source', 'kind'],
    registers: [registry],
  });
  const tables = new Gauge({ name: 'cdcscope_tables', help: 'Tables currently tracked', registers: [registry] });

  const children = new Map<
    string,
    { capture: ReturnType<typeof captureLag.labels>; e2e: ReturnType<typeof e2eLag.labels> }
  >();
  const lagOf = (table: string) => {
    let c = children.get(table);
    if (!c) {
      c = { capture: captureLag.labels(table), e2e: e2eLag.labels(table) };
      children.set(table, c);
    }
    return c;
  };

  return {
    registry,
    observe(rec: DecodedRecord, tableKey: string | undefined) {
      bump(tallies.records, [rec.sourceId, rec.kind]);
      if (rec.kind === 'undecodable') {
        bump(tallies.undecodable, [rec.sourceId, tableKey ?? '']);
        return;
      }
      if (rec.kind !== 'change' || !tableKey) return;
      bump(tallies.events, [rec.sourceId, tableKey, rec.op]);
      bump(tallies.bytes, [rec.sourceId, tableKey], rec.sizeBytes);
      // The finest times the envelope offers (µs where Debezium writes ts_us/ts_ns).
      const src = commitMsOf(rec);
      if (src === undefined) return;
      const lag = lagOf(tableKey);
      const processed = processedMsOf(rec);
      // Negative values (clock skew) are counted per connector in cdcscope_negative_lag_events.
      if (processed !== undefined) lag.capture.observe(Math.max(0, processed - src) / 1000);
      lag.e2e.observe(Math.max(0, rec.receivedAt - src) / 1000);
    },
    setSourceUp(source: string, kind: string, up: boolean) {
      sourceUp.labels(source, kind).set(up ? 1 : 0);
    },
    setTableCount(n: number) {
      tables.set(n);
    },
    forgetTable(tableKey: string) {
      children.delete(tableKey);
      for (const map of [tallies.events, tallies.bytes, tallies.undecodable]) {
        for (const [key, t] of map) if (t.labels[1] === tableKey) map.delete(key);
      }
      captureLag.remove(tableKey);
      e2eLag.remove(tableKey);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
