/** Public surface of consumer lag and connector liveness: pure, clock passed in. */
export { evaluatePartition, groupStatusOf, worseStatus, BURROW_WINDOW, DEFAULT_MIN_OBSERVATIONS, type PartitionEvaluation, type EvaluateOptions } from './burrow-rules';
export { createCommitWindow, DEFAULT_MIN_DISTANCE_MS, type CommitWindow } from './commit-window';
export { createOffsetTimeline, DEFAULT_TIMELINE_POINTS, type OffsetTimeline } from './offset-timeline';
export { createConsumerLagTracker, DEFAULT_MAX_GROUPS, DEFAULT_MAX_PARTITIONS, type ConsumerLagTracker, type ConsumerLagTrackerOptions, type CommitOptions } from './consumer-lag-tracker';
export {
  evaluateJetStreamConsumer,
  jetStreamObservation,
  createJetStreamLagTracker,
  parseServerTime,
  DEFAULT_MAX_JETSTREAM_CONSUMERS,
  type JetStreamConsumerInfoLike,
  type JetStreamStreamStateLike,
  type JetStreamSequenceInfo,
  type JetStreamEvaluateOptions,
  type JetStreamLagTracker,
} from './jetstream-consumer';
export { connectorHealth, connectorHealthAll, DEFAULT_STALLED_AFTER_MS, DEFAULT_STREAMING_WITHIN_MS, type ConnectorActivityLike, type ConnectorHealthOptions } from './connector-stall';
export type * from '../contracts/consumer-lag';
