import type { CommitObservation, JetStreamConsumerLag } from '../contracts/consumer-lag';
import { BURROW_WINDOW, DEFAULT_MIN_OBSERVATIONS, evaluatePartition } from './burrow-rules';
import { createCommitWindow, type CommitWindow } from './commit-window';
import { createOffsetTimeline, DEFAULT_TIMELINE_POINTS, type OffsetTimeline } from './offset-timeline';
import { setNewest, trimToSize } from '../bounded-map';

/**
 * JetStream durable consumers rated with Burrow's vocabulary. The fields are
 * the server's JSON names, so nats.js `ConsumerInfo` and `StreamInfo.state`
 * fit as they are. The mapping:
 * - committed offset ↔ `ack_floor.stream_seq + 1` (the next message not yet
 *   acknowledged), commit time ↔ `ack_floor.last_active` (the server's last
 *   acknowledgement time, `o.lat`; omitted before the first ack), else the
 *   observation time;
 * - lag ↔ `num_pending + num_ack_pending` (not delivered + delivered, not acked);
 * - end offset ↔ stream `last_seq + 1` at `last_ts`, which feeds the time-lag
 *   timeline exactly (the stream stamps every message).
 * So a consumer that acknowledged nothing for longer than its window spans
 * is STOP, one that acknowledges but whose floor stands still (a message
 * failing again and again) is STALL, one falling behind WARN, and any
 * moment with nothing pending OK.
 */
export interface JetStreamSequenceInfo {
  stream_seq: number;
  consumer_seq?: number;
  /** RFC 3339 time (server JSON) or epoch ms; absent on old servers or before the first activity. */
  last_active?: string | number | null;
}

export interface JetStreamConsumerInfoLike {
  stream_name: string;
  name: string;
  num_pending: number;
  num_ack_pending: number;
  num_redelivered: number;
  /** Pull requests waiting (not messages). */
  num_waiting?: number;
  delivered: JetStreamSequenceInfo;
  ack_floor: JetStreamSequenceInfo;
  /** Whether this is a push consumer (`config.deliver_subject`); pull consumers are judged on `num_waiting`. */
  config?: { deliver_subject?: string };
}

export interface JetStreamStreamStateLike {
  last_seq: number;
  last_ts?: string | number | null;
}

/** Epoch ms of a server timestamp; Go's zero time (`0001-01-01T00:00:00Z`) means never. */
export function parseServerTime(t: string | number | null | undefined): number | undefined {
  if (t === null || t === undefined) return undefined;
  const ms = typeof t === 'number' ? t : Date.parse(t);
  return Number.isFinite(ms) && ms > 0 ? ms : undefined;
}

/** One info as a Burrow commit observation. */
export function jetStreamObservation(info: JetStreamConsumerInfoLike, now: number): CommitObservation {
  return {
    offset: info.ack_floor.stream_seq + 1,
    lag: Math.max(0, info.num_pending + info.num_ack_pending),
    at: parseServerTime(info.ack_floor.last_active) ?? now,
  };
}

export interface JetStreamEvaluateOptions {
  /** Earlier observations of this consumer, oldest first (the new one is appended). */
  history?: readonly CommitObservation[];
  stream?: JetStreamStreamStateLike;
  timeline?: OffsetTimeline;
  /** Timestamp of the first unacknowledged message, when the caller fetched it: preferred time lag. */
  oldestUnackedAt?: number;
  minObservations?: number;
}

/** Rates one consumer info; pass the history to apply the window rules. */
export function evaluateJetStreamConsumer(
  info: JetStreamConsumerInfoLike,
  now: number,
  options: JetStreamEvaluateOptions = {},
): JetStreamConsumerLag {
  const obs = jetStreamObservation(info, now);
  const window = [...(options.history ?? []), obs];
  const evaluation = evaluatePartition(window, now, {
    currentLag: obs.lag,
    minObservations: options.minObservations ?? DEFAULT_MIN_OBSERVATIONS,
  });
  const notes: string[] = [];
  if (info.num_redelivered > 0) notes.push(`${info.num_redelivered} redelivered (processing failures or ack timeouts)`);
  const push = info.config?.deliver_subject !== undefined && info.config.deliver_subject !== '';
  if (!push && info.num_pending > 0 && info.num_waiting === 0)
    notes.push('no pull requests waiting: the client is not fetching');
  let timeLag = null;
  if (options.oldestUnackedAt !== undefined)
    timeLag = { ms: Math.max(0, now - options.oldestUnackedAt), source: 'direct' as const };
  else if (obs.lag === 0) timeLag = { ms: 0, source: 'caught-up' as const };
  else if (options.timeline !== undefined) timeLag = options.timeline.timeLag(obs.offset, now);
  return {
    stream: info.stream_name,
    consumer: info.name,
    status: evaluation.status,
    rule: evaluation.rule,
    pending: info.num_pending,
    ackPending: info.num_ack_pending,
    redelivered: info.num_redelivered,
    lag: obs.lag,
    ackFloorSeq: info.ack_floor.stream_seq,
    deliveredSeq: info.delivered.stream_seq,
    lastSeq: options.stream?.last_seq ?? null,
    timeLag,
    notes,
  };
}

export interface JetStreamLagTracker {
  /** Records one poll of a consumer (and optionally its stream's state) and rates it. */
  observe(
    info: JetStreamConsumerInfoLike,
    now: number,
    options?: { stream?: JetStreamStreamStateLike; oldestUnackedAt?: number },
  ): JetStreamConsumerLag;
  remove(stream: string, consumer: string): void;
}

/** Consumers kept; the least recently polled goes first. */
export const DEFAULT_MAX_JETSTREAM_CONSUMERS = 1_000;

/** Keeps each consumer's window and each stream's timeline between polls. */
export function createJetStreamLagTracker(
  options: { windowSize?: number; maxConsumers?: number; timelinePoints?: number } = {},
): JetStreamLagTracker {
  const windows = new Map<string, CommitWindow>();
  const timelines = new Map<string, OffsetTimeline>();
  const max = options.maxConsumers ?? DEFAULT_MAX_JETSTREAM_CONSUMERS;
  return {
    observe(info, now, opts = {}) {
      const key = `${info.stream_name}\u0000${info.name}`;
      let window = windows.get(key);
      if (window === undefined) window = createCommitWindow(options.windowSize ?? BURROW_WINDOW);
      setNewest(windows, key, window);
      trimToSize(windows, max);
      let timeline = timelines.get(info.stream_name);
      if (opts.stream !== undefined) {
        if (timeline === undefined)
          timelines.set(
            info.stream_name,
            (timeline = createOffsetTimeline(options.timelinePoints ?? DEFAULT_TIMELINE_POINTS)),
          );
        timeline.add(opts.stream.last_seq + 1, parseServerTime(opts.stream.last_ts) ?? now);
        trimToSize(timelines, max);
      }
      window.add(jetStreamObservation(info, now));
      // The window now ends with this poll (or with the commit it replaced within min-distance).
      const history = window.observations().slice(0, -1);
      return evaluateJetStreamConsumer(info, now, {
        history,
        stream: opts.stream,
        timeline,
        oldestUnackedAt: opts.oldestUnackedAt,
      });
    },
    remove(stream, consumer) {
      windows.delete(`${stream}\u0000${consumer}`);
    },
  };
}
