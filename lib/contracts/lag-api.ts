import type { ConnectorHealth, ConsumerGroupLag, GroupLagStatus, JetStreamConsumerLag, PartitionLagStatus } from './consumer-lag';

/** One poll's figures for one downstream consumer, for its history chart. */
export interface ConsumerLagPoint {
  t: number;
  /** Messages behind (Kafka: sum over partitions; JetStream: pending + ack pending). */
  lag: number;
  /** Age of the oldest unconsumed message, ms; null when unknown. */
  timeLagMs: number | null;
}

/** A downstream consumer's id in `history`: `kafka:<sourceId>:<group>` or `jetstream:<sourceId>:<stream>:<consumer>`. */
export type ConsumerId = string;

/**
 * Everything the Lag page shows, from `GET /api/lag/consumers` and the
 * `lag` Socket.IO room: downstream consumers (read without changing their
 * state), their recent history, and each Debezium connector's liveness.
 */
export interface ConsumerLagSnapshot {
  at: number;
  kafka: (ConsumerGroupLag & { id: ConsumerId; sourceId: string })[];
  jetstream: (JetStreamConsumerLag & { id: ConsumerId; sourceId: string })[];
  connectors: ConnectorHealth[];
  /** Last 15 minutes per consumer, one point per poll, oldest first. */
  history: Record<ConsumerId, ConsumerLagPoint[]>;
  /** Poll problems per source (e.g. "not authorized to describe groups"), shown, never fatal. */
  errors: { sourceId: string; message: string; at: number }[];
}

export type { ConnectorHealth, ConsumerGroupLag, GroupLagStatus, JetStreamConsumerLag, PartitionLagStatus };
