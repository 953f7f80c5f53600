import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DecodedRecord } from '../../lib/contracts/change-event';

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
  const events = new Counter({ name: 'cdcscope_events_total', help: 'Change events by source, table and op', labelNames: ['source', 'table', 'op'], registers: [registry] });
  const bytes = new Counter({ name: 'cdcscope_event_bytes_total', help: 'Key + value bytes of decoded change events', labelNames: ['source', 'table'], registers: [registry] });
  const records = new Counter({ name: 'cdcscope_records_total', help: 'All records by source and kind (change, tombstone, transaction, heartbeat, schema-change, undecodable)', labelNames: ['source', 'kind'], registers: [registry] });
  const undecodable = new Counter({ name: 'cdcscope_undecodable_total', help: 'Messages that are not Debezium records we understand', labelNames: ['source', 'table'], registers: [registry] });
  const captureLag = new Histogram({ name: 'cdcscope_capture_lag_seconds', help: 'Debezium ts_ms - source.ts_ms', labelNames: ['table'], buckets: LAG_BUCKETS, registers: [registry] });
  const e2eLag = new Histogram({ name: 'cdcscope_end_to_end_lag_seconds', help: 'Receive time - source.ts_ms', labelNames: ['table'], buckets: LAG_BUCKETS, registers: [registry] });
  const sourceUp = new Gauge({ name: 'cdcscope_source_up', help: '1 when the source is live', labelNames: ['source', 'kind'], registers: [registry] });
  const tables = new Gauge({ name: 'cdcscope_tables', help: 'Tables currently tracked', registers: [registry] });

  const children = new Map<string, { capture: ReturnType<typeof captureLag.labels>; e2e: ReturnType<typeof e2eLag.labels> }>();
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
      records.labels(rec.sourceId, rec.kind).inc();
      if (rec.kind === 'undecodable') {
        undecodable.labels(rec.sourceId, tableKey ?? '').inc();
        return;
      }
      if (rec.kind !== 'change' || !tableKey) return;
      events.labels(rec.sourceId, tableKey, rec.op).inc();
      bytes.labels(rec.sourceId, tableKey).inc(rec.sizeBytes);
      const src = rec.source.tsMs;
      if (src === undefined) return;
      const lag = lagOf(tableKey);
      if (rec.tsMs !== undefined) lag.capture.observe(Math.max(0, rec.tsMs - src) / 1000);
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
      captureLag.remove(tableKey);
      e2eLag.remove(tableKey);
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
