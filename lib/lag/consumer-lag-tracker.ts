import type { ConsumerGroupLag, PartitionLag } from '../contracts/consumer-lag';
import { BURROW_WINDOW, DEFAULT_MIN_OBSERVATIONS, evaluatePartition, groupStatusOf } from './burrow-rules';
import { createCommitWindow, DEFAULT_MIN_DISTANCE_MS, type CommitWindow } from './commit-window';
import { createOffsetTimeline, DEFAULT_TIMELINE_POINTS, type OffsetTimeline } from './offset-timeline';
import { setNewest, trimToSize } from '../bounded-map';

/**
 * Consumer-group lag of a Kafka cluster, fed by whoever reads offsets (an
 * admin poller: end offsets per partition, then committed offsets per
 * group). Keeps a Burrow commit window per (group, topic, partition) and a
 * kafka-lag-exporter timeline per (topic, partition), and rates groups on
 * demand. Pure and bounded: LRU caps on groups and on partitions.
 *
 * With a poller, a commit's time is the poll time unless the caller knows the
 * real commit timestamp (`__consumer_offsets` has it; the admin API does
 * not), so Burrow's window alone cannot tell a stopped consumer from a
 * stalled one (the offset stands still in both). The caller's membership
 * does: a partition with lag that no member of the group reads is STOP at
 * once (rule `no-member`); one a member holds while its offset stands still
 * is Burrow's STALL.
 */
export interface ConsumerLagTrackerOptions {
  /** Commits per partition window (Burrow's `intervals`, 10). */
  windowSize?: number;
  minCommitDistanceMs?: number;
  minObservations?: number;
  timelinePoints?: number;
  /** Groups kept; the least recently updated goes first. A cluster with more groups than a dashboard can show is filtered upstream. */
  maxGroups?: number;
  /** (topic, partition) timelines kept, and partitions per group. */
  maxPartitions?: number;
}

export interface CommitOptions {
  /** Timestamp of the oldest message not yet consumed, when the caller read it: a direct time lag, preferred. */
  oldestUnconsumedAt?: number;
  /** The group member reading this partition; null when none does (empty group, unassigned); undefined when unknown. */
  member?: string | null;
}

export interface ConsumerLagTracker {
  endOffset(topic: string, partition: number, offset: number, at: number): void;
  commit(group: string, topic: string, partition: number, offset: number, at: number, options?: CommitOptions): void;
  group(group: string, now: number): ConsumerGroupLag | undefined;
  /**
   * Whether the end-offset samples of (topic, partition) tell when `offset` was
   * produced by interpolation (or nothing is left to read): false when it is
   * older than every sample, where only a read of the message itself is exact.
   */
  covers(topic: string, partition: number, offset: number): boolean;
  /** All groups, or those changed after `sinceVersion`. */
  groups(now: number, sinceVersion?: number): ConsumerGroupLag[];
  /** Forget a group (deleted, or no longer watched). */
  remove(group: string): void;
  readonly version: number;
}

export const DEFAULT_MAX_GROUPS = 500;
export const DEFAULT_MAX_PARTITIONS = 20_000;

interface PartitionState {
  topic: string;
  partition: number;
  window: CommitWindow;
  committed: number;
  lastCommitAt: number;
  oldestUnconsumedAt?: number;
  member?: string | null;
}

interface GroupState {
  partitions: Map<string, PartitionState>;
  version: number;
  updatedAt: number;
}

const tpKey = (topic: string, partition: number) => `${topic}\u0000${partition}`;

/** Re-inserting moves a key to the back of a Map's order: the front is the least recently used. */
function touch<K, V>(map: Map<K, V>, key: K, value: V, cap: number): void {
  setNewest(map, key, value);
  trimToSize(map, cap);
}

export function createConsumerLagTracker(options: ConsumerLagTrackerOptions = {}): ConsumerLagTracker {
  const windowSize = options.windowSize ?? BURROW_WINDOW;
  const minDistance = options.minCommitDistanceMs ?? DEFAULT_MIN_DISTANCE_MS;
  const minObservations = options.minObservations ?? DEFAULT_MIN_OBSERVATIONS;
  const timelinePoints = options.timelinePoints ?? DEFAULT_TIMELINE_POINTS;
  const maxGroups = options.maxGroups ?? DEFAULT_MAX_GROUPS;
  const maxPartitions = options.maxPartitions ?? DEFAULT_MAX_PARTITIONS;
  const timelines = new Map<string, OffsetTimeline>();
  const groups = new Map<string, GroupState>();
  let version = 0;

  function partitionLag(p: PartitionState, now: number): PartitionLag {
    const timeline = timelines.get(tpKey(p.topic, p.partition));
    const end = timeline?.latest()?.offset;
    const lag = end === undefined ? null : Math.max(0, end - p.committed);
    const windowObs = p.window.observations();
    // Lag that no member reads is not consumed at all: STOP from the first poll, not after a window of polls.
    const evaluation =
      lag !== null && lag > 0 && p.member === null
        ? ({ status: 'STOP', rule: 'no-member' } as const)
        : evaluatePartition(windowObs, now, { currentLag: lag ?? undefined, minObservations });
    return {
      topic: p.topic,
      partition: p.partition,
      status: evaluation.status,
      rule: evaluation.rule,
      complete: Math.min(1, windowObs.length / p.window.capacity),
      committedOffset: p.committed,
      endOffset: end ?? null,
      lag,
      timeLag: timeline === undefined ? null : timeline.timeLag(p.committed, now, p.oldestUnconsumedAt),
      lastCommitAt: p.lastCommitAt,
      ...(p.member !== undefined ? { member: p.member } : {}),
    };
  }

  function groupLag(name: string, g: GroupState, now: number): ConsumerGroupLag {
    const partitions = [...g.partitions.values()].map((p) => partitionLag(p, now));
    partitions.sort((x, y) => (x.topic < y.topic ? -1 : x.topic > y.topic ? 1 : x.partition - y.partition));
    const { status, worst } = groupStatusOf(partitions.map((p) => p.status));
    const worstPartition = worst === 'OK' ? null : (partitions.find((p) => p.status === worst) ?? null);
    let totalLag = 0;
    let maxTimeLagMs: number | null = null;
    let complete = 0;
    for (const p of partitions) {
      totalLag += p.lag ?? 0;
      if (p.timeLag !== null) maxTimeLagMs = Math.max(maxTimeLagMs ?? 0, p.timeLag.ms);
      if (p.complete >= 1) complete++;
    }
    return {
      group: name,
      status,
      worst,
      worstPartition:
        worstPartition === null ? null : { topic: worstPartition.topic, partition: worstPartition.partition },
      totalLag,
      maxTimeLagMs,
      complete: partitions.length === 0 ? 0 : complete / partitions.length,
      partitions,
      version: g.version,
      updatedAt: g.updatedAt,
    };
  }

  return {
    endOffset(topic, partition, offset, at) {
      const key = tpKey(topic, partition);
      let t = timelines.get(key);
      if (t === undefined) t = createOffsetTimeline(timelinePoints);
      touch(timelines, key, t, maxPartitions);
      t.add(offset, at);
    },

    commit(group, topic, partition, offset, at, opts = {}) {
      let g = groups.get(group);
      if (g === undefined) g = { partitions: new Map(), version: 0, updatedAt: at };
      touch(groups, group, g, maxGroups);
      const key = tpKey(topic, partition);
      let p = g.partitions.get(key);
      if (p === undefined) {
        p = {
          topic,
          partition,
          window: createCommitWindow(windowSize, minDistance),
          committed: offset,
          lastCommitAt: at,
        };
        touch(g.partitions, key, p, maxPartitions);
      }
      const end = timelines.get(key)?.latest()?.offset;
      // Lag at commit time needs the end offset; without one the commit is kept but not rated yet.
      if (end !== undefined) p.window.add({ offset, lag: Math.max(0, end - offset), at });
      p.committed = offset;
      p.lastCommitAt = at;
      p.oldestUnconsumedAt = opts.oldestUnconsumedAt;
      p.member = opts.member;
      g.version = ++version;
      g.updatedAt = Math.max(g.updatedAt, at);
    },

    covers(topic, partition, offset) {
      const source = timelines.get(tpKey(topic, partition))?.producedAt(offset)?.source;
      return source === 'interpolated' || source === 'caught-up';
    },

    group(name, now) {
      const g = groups.get(name);
      return g === undefined ? undefined : groupLag(name, g, now);
    },

    groups(now, sinceVersion) {
      const out: ConsumerGroupLag[] = [];
      for (const [name, g] of groups)
        if (sinceVersion === undefined || g.version > sinceVersion) out.push(groupLag(name, g, now));
      return out;
    },

    remove(name) {
      if (groups.delete(name)) version++;
    },

    get version() {
      return version;
    },
  };
}
