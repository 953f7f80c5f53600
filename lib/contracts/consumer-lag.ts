/**
 * Consumer lag as Burrow rates it (LinkedIn's Kafka lag checker) and as
 * kafka-lag-exporter measures it in time, for Kafka consumer groups and
 * JetStream durable consumers alike. See lib/lag/ for the rules.
 */

/** Per partition (or JetStream consumer), Burrow's vocabulary. */
export type PartitionLagStatus = 'OK' | 'WARN' | 'REWIND' | 'STALL' | 'STOP';
/** Per group, Burrow's: worst partition, with REWIND/STALL/STOP reported as ERR. */
export type GroupLagStatus = 'OK' | 'WARN' | 'ERR' | 'NOTFOUND';

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
export type LagRule = 'caught-up' | 'zero-lag-in-window' | 'rewind' | 'stopped' | 'stalled' | 'lag-not-decreasing' | 'lag-decreasing' | 'no-data';

/**
 * How a time lag was obtained: `direct` from the oldest unconsumed message's
 * timestamp; `interpolated` between two end-offset samples; `extrapolated`
 * beyond the samples along their trend; `lower-bound` from a single sample
 * (at least this old); `caught-up` nothing to read.
 */
export type TimeLagSource = 'direct' | 'interpolated' | 'extrapolated' | 'lower-bound' | 'caught-up';

export interface TimeLag {
  ms: number;
  source: TimeLagSource;
}

export interface PartitionLag {
  topic: string;
  partition: number;
  status: PartitionLagStatus;
  rule: LagRule;
  /** Window fill, 0..1 (Burrow's `complete`): below 1 the status rests on fewer commits. */
  complete: number;
  committedOffset: number | null;
  endOffset: number | null;
  /** Messages behind now. */
  lag: number | null;
  timeLag: TimeLag | null;
  lastCommitAt: number | null;
}

export interface ConsumerGroupLag {
  group: string;
  status: GroupLagStatus;
  /** The worst partition status, unflattened (tells REWIND from STOP from STALL). */
  worst: PartitionLagStatus;
  worstPartition: { topic: string; partition: number } | null;
  totalLag: number;
  maxTimeLagMs: number | null;
  /** Share of partitions with a full window, 0..1. */
  complete: number;
  partitions: PartitionLag[];
  /** Bumped when anything of this group changed. */
  version: number;
  updatedAt: number;
}

export interface JetStreamConsumerLag {
  stream: string;
  consumer: string;
  status: PartitionLagStatus;
  rule: LagRule;
  /** Not yet delivered (`num_pending`). */
  pending: number;
  /** Delivered, not acknowledged (`num_ack_pending`). */
  ackPending: number;
  redelivered: number;
  /** Messages behind: pending + ackPending. */
  lag: number;
  ackFloorSeq: number;
  deliveredSeq: number;
  lastSeq: number | null;
  timeLag: TimeLag | null;
  /** Human-readable extra findings, e.g. "12 redeliveries". */
  notes: string[];
}

/** Whether a Debezium connector (one logical server name) is alive. */
export type ConnectorActivityStatus = 'streaming' | 'idle' | 'stalled' | 'unknown';

export interface ConnectorHealth {
  serverName: string;
  status: ConnectorActivityStatus;
  lastEventAt: number | null;
  lastHeartbeatAt: number | null;
  /** Time since the last event or heartbeat, whichever is newer. */
  silentForMs: number | null;
  stalledAfterMs: number;
}
