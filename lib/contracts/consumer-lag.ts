import { z } from 'zod';

/**
 * Consumer lag as Burrow rates it (LinkedIn's Kafka lag checker) and as
 * kafka-lag-exporter measures it in time, for Kafka consumer groups and
 * JetStream durable consumers alike. See lib/lag/ for the rules.
 */

/** Per partition (or JetStream consumer), Burrow's vocabulary. */
export const partitionLagStatusSchema = z.enum(['OK', 'WARN', 'REWIND', 'STALL', 'STOP']);
export type PartitionLagStatus = z.infer<typeof partitionLagStatusSchema>;
/** Per group, Burrow's: worst partition, with REWIND/STALL/STOP reported as ERR. */
export const groupLagStatusSchema = z.enum(['OK', 'WARN', 'ERR', 'NOTFOUND']);
export type GroupLagStatus = z.infer<typeof groupLagStatusSchema>;

/** Severity order, least first, as Burrow's status constants (OK 1, WARN 2, ERR 3, STOP 4, STALL 5, REWIND 6). */
export const PARTITION_STATUS_ORDER: readonly PartitionLagStatus[] = ['OK', 'WARN', 'STOP', 'STALL', 'REWIND'];

/** One committed offset as Burrow stores it. */
export interface CommitObservation {
  /** Committed offset: the next message the consumer will read. */
  offset: number;
  /** End offset at that time minus `offset`, messages. */
  lag: number;
  /** When the commit happened (or was observed, for pollers), epoch ms. */
  at: number;
}

/** Which Burrow rule gave the status. */
export const lagRuleSchema = z.enum([
  'caught-up',
  'zero-lag-in-window',
  'rewind',
  'stopped',
  'stalled',
  'lag-not-decreasing',
  'lag-decreasing',
  'no-data',
  /** Lag, and no member of the group reads the partition (an empty group): nothing consumes it. */
  'no-member',
]);
export type LagRule = z.infer<typeof lagRuleSchema>;

/**
 * How a time lag was obtained: `direct` from the oldest unconsumed message's
 * timestamp; `interpolated` between two end-offset samples; `extrapolated`
 * beyond the samples along their trend; `lower-bound` from a single sample
 * (at least this old); `caught-up` nothing to read.
 */
export const timeLagSourceSchema = z.enum(['direct', 'interpolated', 'extrapolated', 'lower-bound', 'caught-up']);
export type TimeLagSource = z.infer<typeof timeLagSourceSchema>;

export const timeLagSchema = z.object({ ms: z.number(), source: timeLagSourceSchema });
export type TimeLag = z.infer<typeof timeLagSchema>;

export const partitionLagSchema = z.object({
  topic: z.string(),
  partition: z.number(),
  status: partitionLagStatusSchema,
  rule: lagRuleSchema,
  /** Window fill, 0..1 (Burrow's `complete`): below 1 the status rests on fewer commits. */
  complete: z.number(),
  committedOffset: z.number().nullable(),
  endOffset: z.number().nullable(),
  /** Messages behind now. */
  lag: z.number().nullable(),
  timeLag: timeLagSchema.nullable(),
  lastCommitAt: z.number().nullable(),
  /**
   * Kafka: the group member reading this partition (`clientId@host`), null when
   * none does (the group is empty or left it unassigned); absent when unknown.
   */
  member: z.string().nullable().optional(),
});
export type PartitionLag = z.infer<typeof partitionLagSchema>;

export const consumerGroupLagSchema = z.object({
  group: z.string(),
  status: groupLagStatusSchema,
  /** The worst partition status, unflattened (tells REWIND from STOP from STALL). */
  worst: partitionLagStatusSchema,
  worstPartition: z.object({ topic: z.string(), partition: z.number() }).nullable(),
  totalLag: z.number(),
  maxTimeLagMs: z.number().nullable(),
  /** Share of partitions with a full window, 0..1. */
  complete: z.number(),
  partitions: z.array(partitionLagSchema),
  /** Kafka's group state (Stable, Empty, PreparingRebalance…) and member count, when described. */
  state: z.string().optional(),
  members: z.number().optional(),
  /** Bumped when anything of this group changed. */
  version: z.number(),
  updatedAt: z.number(),
});
export type ConsumerGroupLag = z.infer<typeof consumerGroupLagSchema>;

export const jetStreamConsumerLagSchema = z.object({
  stream: z.string(),
  consumer: z.string(),
  status: partitionLagStatusSchema,
  rule: lagRuleSchema,
  /** Not yet delivered (`num_pending`). */
  pending: z.number(),
  /** Delivered, not acknowledged (`num_ack_pending`). */
  ackPending: z.number(),
  redelivered: z.number(),
  /** Messages behind: pending + ackPending. */
  lag: z.number(),
  ackFloorSeq: z.number(),
  deliveredSeq: z.number(),
  lastSeq: z.number().nullable(),
  timeLag: timeLagSchema.nullable(),
  /** Human-readable extra findings, e.g. "12 redeliveries". */
  notes: z.array(z.string()),
});
export type JetStreamConsumerLag = z.infer<typeof jetStreamConsumerLagSchema>;

/** Whether a Debezium connector (one logical server name) is alive. */
export const connectorActivityStatusSchema = z.enum(['streaming', 'idle', 'stalled', 'unknown']);
export type ConnectorActivityStatus = z.infer<typeof connectorActivityStatusSchema>;

export const connectorHealthSchema = z.object({
  serverName: z.string(),
  status: connectorActivityStatusSchema,
  lastEventAt: z.number().nullable(),
  lastHeartbeatAt: z.number().nullable(),
  /** Time since the last event or heartbeat, whichever is newer. */
  silentForMs: z.number().nullable(),
  stalledAfterMs: z.number(),
});
export type ConnectorHealth = z.infer<typeof connectorHealthSchema>;
