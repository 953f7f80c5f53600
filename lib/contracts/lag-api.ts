import { z } from 'zod';
import { sourceClockSchema } from './source-clock';
import { connectorHealthSchema, consumerGroupLagSchema, jetStreamConsumerLagSchema } from './consumer-lag';

/** One poll's figures for one downstream consumer, for its history chart. */
export const consumerLagPointSchema = z.object({
  t: z.number(),
  /** Messages behind (Kafka: sum over partitions; JetStream: pending + ack pending). */
  lag: z.number(),
  /** Age of the oldest unconsumed message, ms; null when unknown. */
  timeLagMs: z.number().nullable(),
});
export type ConsumerLagPoint = z.infer<typeof consumerLagPointSchema>;

/** A downstream consumer's id in `history`: `kafka:<sourceId>:<group>` or `jetstream:<sourceId>:<stream>:<consumer>`. */
export type ConsumerId = string;

const consumerIdentity = { id: z.string(), sourceId: z.string() };

/**
 * Everything the Lag page shows, from `GET /api/lag/consumers` and the
 * `lag` Socket.IO room: downstream consumers (read without changing their
 * state), their recent history, and each Debezium connector's liveness.
 */
export const consumerLagSnapshotSchema = z.object({
  at: z.number(),
  kafka: z.array(consumerGroupLagSchema.extend(consumerIdentity)),
  jetstream: z.array(jetStreamConsumerLagSchema.extend(consumerIdentity)),
  connectors: z.array(connectorHealthSchema),
  /** Last 15 minutes per consumer (key: ConsumerId), one point per poll, oldest first. */
  history: z.record(z.string(), z.array(consumerLagPointSchema)),
  /** Each connector's commit clock: resolution (Lag page "Source clocks"); absent from servers before it existed. */
  clocks: z.array(sourceClockSchema).optional(),
  /** Poll problems per source (e.g. "not authorized to describe groups"), shown, never fatal. */
  errors: z.array(z.object({ sourceId: z.string(), message: z.string(), at: z.number() })),
});
export type ConsumerLagSnapshot = z.infer<typeof consumerLagSnapshotSchema>;
