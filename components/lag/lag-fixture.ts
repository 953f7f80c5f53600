import type { ConsumerLagSnapshot } from '@/lib/contracts/lag-api';
import type { PartitionLag } from '@/lib/contracts/consumer-lag';

/**
 * A consumer lag snapshot for unit tests (the demo has no downstream
 * consumers): every group status, JetStream consumers, connectors, history.
 */
export function lagFixture(at = 1_700_000_000_000): ConsumerLagSnapshot {
  const part = (topic: string, partition: number, o: Partial<PartitionLag> = {}): PartitionLag => ({
    topic,
    partition,
    status: 'OK',
    rule: 'caught-up',
    complete: 1,
    committedOffset: 100,
    endOffset: 100,
    lag: 0,
    timeLag: { ms: 0, source: 'caught-up' },
    lastCommitAt: at - 1000,
    ...o,
  });
  const group = (group: string, status: ConsumerLagSnapshot['kafka'][number]['status'], worst: PartitionLag['status'], partitions: PartitionLag[]) => ({
    id: `kafka:k1:${group}`,
    sourceId: 'k1',
    group,
    status,
    worst,
    worstPartition: partitions[0] ? { topic: partitions[0].topic, partition: partitions[0].partition } : null,
    totalLag: partitions.reduce((s, p) => s + (p.lag ?? 0), 0),
    maxTimeLagMs: partitions.reduce<number | null>((m, p) => (p.timeLag ? Math.max(m ?? 0, p.timeLag.ms) : m), null),
    complete: 1,
    partitions,
    version: 1,
    updatedAt: at,
  });
  return {
    at,
    kafka: [
      group('analytics', 'OK', 'OK', [part('srv.inv.orders', 0), part('srv.inv.orders', 1)]),
      group('search-indexer', 'WARN', 'WARN', [part('srv.inv.orders', 0, { status: 'WARN', rule: 'lag-not-decreasing', lag: 5000, endOffset: 5100, timeLag: { ms: 42_000, source: 'interpolated' } })]),
      group('billing', 'ERR', 'STALL', [part('srv.inv.customers', 3, { status: 'STALL', rule: 'stalled', lag: 120, timeLag: { ms: 300_000, source: 'lower-bound' } })]),
      group('gone', 'NOTFOUND', 'OK', []),
    ],
    jetstream: [
      {
        id: 'jetstream:js:CDC:audit',
        sourceId: 'js',
        stream: 'CDC',
        consumer: 'audit',
        status: 'OK',
        rule: 'caught-up',
        pending: 0,
        ackPending: 0,
        redelivered: 0,
        lag: 0,
        ackFloorSeq: 900,
        deliveredSeq: 900,
        lastSeq: 900,
        timeLag: { ms: 0, source: 'caught-up' },
        notes: [],
      },
      {
        id: 'jetstream:js:CDC:mailer',
        sourceId: 'js',
        stream: 'CDC',
        consumer: 'mailer',
        status: 'STOP',
        rule: 'stopped',
        pending: 250,
        ackPending: 12,
        redelivered: 12,
        lag: 262,
        ackFloorSeq: 638,
        deliveredSeq: 650,
        lastSeq: 900,
        timeLag: { ms: 95_000, source: 'direct' },
        notes: ['12 redeliveries', '<b>not html</b>'],
      },
    ],
    connectors: [
      { serverName: 'pg_main', status: 'stalled', lastEventAt: at - 400_000, lastHeartbeatAt: null, silentForMs: 400_000, stalledAfterMs: 60_000 },
      { serverName: 'replica_a', status: 'streaming', lastEventAt: at - 100, lastHeartbeatAt: at - 2000, silentForMs: 100, stalledAfterMs: 60_000 },
      { serverName: 'replica_b', status: 'idle', lastEventAt: at - 30_000, lastHeartbeatAt: at - 3000, silentForMs: 3000, stalledAfterMs: 60_000 },
    ],
    history: {
      'kafka:k1:search-indexer': [
        { t: at - 4000, lag: 4000, timeLagMs: 30_000 },
        { t: at - 2000, lag: 4500, timeLagMs: 36_000 },
        { t: at, lag: 5000, timeLagMs: 42_000 },
      ],
      'jetstream:js:CDC:mailer': [
        { t: at - 2000, lag: 250, timeLagMs: null },
        { t: at, lag: 262, timeLagMs: 95_000 },
      ],
    },
    errors: [{ sourceId: 'k1', message: 'not authorized to describe groups', at }],
  };
}
