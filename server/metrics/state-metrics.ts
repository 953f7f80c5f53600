import type { Registry } from 'prom-client';
import { scrapeGauges } from './scrape-gauge';
import type { DashboardState } from '../pipeline/dashboard-state';

/**
 * Replica-pair, consumer-lag and connector figures in `/metrics`, read from
 * the dashboard state at scrape time (they are aggregates already: nothing
 * to count on the hot path). Counters that only grow are exported as gauges
 * named `_total` would mislead, so these are plain gauges of current values.
 */
export function registerStateMetrics(registry: Registry, state: DashboardState) {
  const gauge = scrapeGauges(registry);

  gauge(
    'cdcscope_replica_events',
    'Replica pair counters per table: matched, late_matched, divergent, duplicates_a/b, only_in_a/b, lost_a/b, evicted_a/b, pending_a/b',
    ['pair', 'table', 'measure'],
    (g) => {
      for (const p of state.replicas()) {
        for (const t of p.tables) {
          const set = (measure: string, v: number) => g.labels(p.pairId, t.table, measure).set(v);
          set('matched', t.matched);
          set('late_matched', t.lateMatches);
          set('divergent', t.divergent);
          for (const side of ['a', 'b'] as const) {
            set(`duplicates_${side}`, t[side].duplicates);
            set(`only_in_${side}`, t[side].onlyIn);
            set(`lost_${side}`, t[side].lost);
            set(`evicted_${side}`, t[side].evicted);
            set(`pending_${side}`, t[side].pending);
          }
        }
      }
    },
  );
  gauge(
    'cdcscope_replica_delay_seconds',
    'Delay between the two copies of matched events over the last 5 minutes',
    ['pair', 'quantile'],
    (g) => {
      for (const p of state.replicas()) {
        const w = p.delay.m5;
        if (w.p50 !== null) g.labels(p.pairId, '0.5').set(w.p50 / 1000);
        if (w.p95 !== null) g.labels(p.pairId, '0.95').set(w.p95 / 1000);
        if (w.p99 !== null) g.labels(p.pairId, '0.99').set(w.p99 / 1000);
      }
    },
  );
  gauge('cdcscope_replica_duplicate_ratio', 'Duplicates / compared records per pair', ['pair'], (g) => {
    for (const p of state.replicas()) g.labels(p.pairId).set(p.duplicateRate);
  });

  const lagStatus = ['OK', 'WARN', 'ERR', 'NOTFOUND', 'STALL', 'STOP', 'REWIND'];
  gauge(
    'cdcscope_consumer_lag_messages',
    'Messages a downstream consumer is behind',
    ['source', 'kind', 'consumer'],
    (g) => {
      const lag = state.lag();
      for (const k of lag.kafka) g.labels(k.sourceId, 'kafka', k.group).set(k.totalLag);
      for (const j of lag.jetstream) g.labels(j.sourceId, 'jetstream', `${j.stream}/${j.consumer}`).set(j.lag);
    },
  );
  gauge(
    'cdcscope_consumer_lag_seconds',
    'Age of the oldest message a downstream consumer has not consumed',
    ['source', 'kind', 'consumer'],
    (g) => {
      const lag = state.lag();
      for (const k of lag.kafka)
        if (k.maxTimeLagMs !== null) g.labels(k.sourceId, 'kafka', k.group).set(k.maxTimeLagMs / 1000);
      for (const j of lag.jetstream)
        if (j.timeLag) g.labels(j.sourceId, 'jetstream', `${j.stream}/${j.consumer}`).set(j.timeLag.ms / 1000);
    },
  );
  gauge(
    'cdcscope_consumer_status',
    '1 for the current Burrow-style status of a downstream consumer',
    ['source', 'kind', 'consumer', 'status'],
    (g) => {
      const lag = state.lag();
      for (const k of lag.kafka)
        for (const s of lagStatus) g.labels(k.sourceId, 'kafka', k.group, s).set(k.status === s ? 1 : 0);
      for (const j of lag.jetstream)
        for (const s of lagStatus)
          g.labels(j.sourceId, 'jetstream', `${j.stream}/${j.consumer}`, s).set(j.status === s ? 1 : 0);
    },
  );
  gauge(
    'cdcscope_connector_silent_seconds',
    'Time since a Debezium connector last sent an event or heartbeat',
    ['server', 'status'],
    (g) => {
      for (const c of state.lag().connectors)
        if (c.silentForMs !== null) g.labels(c.serverName, c.status).set(c.silentForMs / 1000);
    },
  );
  gauge(
    'cdcscope_source_clock_resolution_ms',
    "Step of a connector's commit clock (source.ts_ms / ts_us), detected from its data: 1000 = whole seconds (capture and end-to-end lag are then ±1 s), 1 = ms, 0.001 = µs",
    ['server', 'connector'],
    (g) => {
      for (const c of state.sourceClocks())
        if (c.clock.resolutionMs !== null) g.labels(c.serverName, c.connector ?? '').set(c.clock.resolutionMs);
    },
  );
  gauge(
    'cdcscope_negative_lag_events',
    'Changes whose capture or end-to-end lag came out below zero (clock skew), per connector since start: the lag histograms record them as 0',
    ['server', 'measure'],
    (g) => {
      for (const c of state.sourceClocks()) {
        g.labels(c.serverName, 'capture').set(c.negative.capture);
        g.labels(c.serverName, 'end_to_end').set(c.negative.endToEnd);
      }
    },
  );
  gauge(
    'cdcscope_heartbeat_lag_seconds',
    "Lag from a connector's heartbeat clock table (the database's own ms time in the row), over 5 minutes: end_to_end = arrival - written, capture = ts_ms - written",
    ['server', 'measure', 'quantile'],
    (g) => {
      for (const c of state.sourceClocks()) {
        const h = c.heartbeat;
        if (h === undefined) continue;
        g.labels(c.serverName, 'end_to_end', '0.5').set(h.endToEnd.p50 / 1000);
        g.labels(c.serverName, 'end_to_end', '0.95').set(h.endToEnd.p95 / 1000);
        if (h.capture === null) continue;
        g.labels(c.serverName, 'capture', '0.5').set(h.capture.p50 / 1000);
        g.labels(c.serverName, 'capture', '0.95').set(h.capture.p95 / 1000);
      }
    },
  );
  gauge(
    'cdcscope_clock_skew_bound_seconds',
    "Upper bound of how far the database clock is behind cdcscope's (the smallest heartbeat end-to-end lag in 5 minutes; negative: the database clock is at least that much ahead)",
    ['server'],
    (g) => {
      for (const c of state.sourceClocks())
        if (c.heartbeat !== undefined) g.labels(c.serverName).set(c.heartbeat.skew.dbBehindAtMostMs / 1000);
    },
  );
  gauge(
    'cdcscope_source_backlog_messages',
    "cdcscope's own backlog per source: messages on the broker and in its hand-off queue not yet in the statistics",
    ['source'],
    (g) => {
      for (const s of state.sources()) if (s.backlog) g.labels(s.id).set(s.backlog.messages);
    },
  );
  gauge(
    'cdcscope_source_backlog_seconds',
    "cdcscope's own backlog per source in time: age of the oldest message not yet in the statistics (end-to-end lag includes it)",
    ['source'],
    (g) => {
      for (const s of state.sources()) if (s.backlog) g.labels(s.id).set(s.backlog.seconds);
    },
  );
}
