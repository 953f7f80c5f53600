import type { SeekStart } from '../contracts/seek';
import type { Result } from '../result';

/**
 * Where a seek starts and where it ends, per broker, decided once at the
 * start. The end is the broker's end AS OF THE START (Kafka high-water marks,
 * the stream's last sequence): a seek on a busy topic must finish, not tail.
 */

/** One Kafka partition's offsets at the start: `low` the first kept, `high` the next to be written. */
export interface PartitionRange {
  partition: number;
  low: string;
  high: string;
}

/** Offsets to read, `start` inclusive, `end` exclusive; partitions with nothing to read are left out. */
export interface KafkaPlan {
  partitions: { partition: number; start: bigint; end: bigint }[];
}

const clamp = (x: bigint, lo: bigint, hi: bigint) => (x < lo ? lo : x > hi ? hi : x);

/** `byTime`: `admin.fetchTopicOffsetsByTimestamp` for a time start (the first offset at or after it, high when none). */
export function planKafkaSeek(
  start: SeekStart,
  ranges: PartitionRange[],
  byTime?: { partition: number; offset: string }[],
): Result<KafkaPlan> {
  if (start.kind === 'seq')
    return { ok: false, error: 'start: seq is for JetStream; on Kafka use offset, time or beginning' };
  if (
    start.kind === 'offset' &&
    start.partition !== undefined &&
    !ranges.some((r) => r.partition === start.partition)
  ) {
    return {
      ok: false,
      error: `start: the topic has no partition ${start.partition} (partitions 0–${ranges.length - 1})`,
    };
  }
  const partitions: KafkaPlan['partitions'] = [];
  for (const r of ranges) {
    const low = BigInt(r.low);
    const end = BigInt(r.high);
    let from: bigint;
    if (start.kind === 'beginning') from = low;
    else if (start.kind === 'time') {
      const found = byTime?.find((o) => o.partition === r.partition);
      if (found === undefined) return { ok: false, error: `no offset for time on partition ${r.partition}` };
      from = BigInt(found.offset);
    } else {
      if (start.partition !== undefined && start.partition !== r.partition) continue;
      from = BigInt(start.offset);
    }
    // Below low the messages are gone (retention): start at the oldest kept.
    from = clamp(from, low, end);
    if (from < end) partitions.push({ partition: r.partition, start: from, end });
  }
  return { ok: true, value: { partitions } };
}

/**
 * Tracks which partitions reached their end. `seen` returns true when the
 * offset read was the partition's last one to read (the caller pauses it).
 */
export function createEndTracker(plan: KafkaPlan) {
  const ends = new Map(plan.partitions.map((p) => [p.partition, p.end]));
  const open = new Set(ends.keys());
  return {
    seen(partition: number, offset: bigint): boolean {
      const end = ends.get(partition);
      if (end === undefined || !open.has(partition)) return false;
      if (offset + 1n >= end) {
        open.delete(partition);
        return true;
      }
      return false;
    },
    /** True when past the end: the message arrived after the seek started and is not read. */
    beyond(partition: number, offset: bigint): boolean {
      const end = ends.get(partition);
      return end === undefined || offset >= end;
    },
    get finished(): boolean {
      return open.size === 0;
    },
  };
}

/** A JetStream stream's state at the start. `lastSeq` 0 when it is empty. */
export interface StreamRange {
  firstSeq: number;
  lastSeq: number;
}

export type JetStreamPlan =
  | { deliver: 'all'; lastSeq: number }
  | { deliver: 'seq'; seq: number; lastSeq: number }
  | { deliver: 'time'; time: number; lastSeq: number }
  /** Nothing to read: the start is past the last message. */
  | { deliver: 'none'; lastSeq: number };

export function planJetStreamSeek(start: SeekStart, range: StreamRange): Result<JetStreamPlan> {
  const { lastSeq } = range;
  if (start.kind === 'offset')
    return { ok: false, error: 'start: offset is for Kafka; on JetStream use seq, time or beginning' };
  if (lastSeq === 0) return { ok: true, value: { deliver: 'none', lastSeq } };
  if (start.kind === 'beginning') return { ok: true, value: { deliver: 'all', lastSeq } };
  if (start.kind === 'seq')
    return {
      ok: true,
      value:
        start.seq > lastSeq
          ? { deliver: 'none', lastSeq }
          : { deliver: 'seq', seq: Math.max(start.seq, range.firstSeq), lastSeq },
    };
  return { ok: true, value: { deliver: 'time', time: start.time, lastSeq } };
}
