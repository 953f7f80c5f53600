import type { Admin } from 'kafkajs';
import type { KafkaSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import type { SourceBacklog } from '../../../lib/contracts/source-status';
import { createBacklogMeter } from '../../../lib/analytics/source-backlog';
import type { BatchQueue } from '../batch-queue';

/**
 * The Kafka source's own backlog: per partition, the high watermark minus the
 * next offset the source will read (kept by the consumer, keyed
 * `topic:partition`), plus its hand-off queue and a batch waiting for room
 * in it. A partition not read yet
 * starts at its low watermark with `start: earliest` and at the high
 * watermark otherwise (latest; a timestamp start is counted from its first
 * message on).
 */
export function createKafkaBacklog(deps: {
  admin: Admin;
  start: KafkaSourceConfig['start'];
  topics: () => readonly string[];
  nextOffset: ReadonlyMap<string, bigint>;
  lastReadAt: ReadonlyMap<string, number>;
  queue: BatchQueue<RawMessage>;
  /** Messages read but still waiting for room in the queue. */
  handing: () => number;
  /** Filled with each topic's partition count as the poll sees it (cluster mode's co-partitioning check). */
  partitionCounts?: Map<string, number>;
}) {
  const meter = createBacklogMeter();
  let last: SourceBacklog | undefined;
  return {
    async poll() {
      const positions = [];
      for (const topic of deps.topics()) {
        const offsets = await deps.admin.fetchTopicOffsets(topic);
        deps.partitionCounts?.set(topic, offsets.length);
        for (const p of offsets) {
          const key = `${topic}:${p.partition}`;
          const high = BigInt(p.high);
          const next = deps.nextOffset.get(key) ?? (deps.start === 'earliest' ? BigInt(p.low) : high);
          const unread = high > next ? Number(high - next) : 0;
          positions.push({ key, unread, lastReadAt: deps.lastReadAt.get(key) });
        }
      }
      const oldest = deps.queue.oldest();
      last = meter.measure(
        positions,
        { size: deps.queue.size + deps.handing(), ...(oldest ? { oldestAt: oldest.origin.timestamp } : {}) },
        Date.now(),
      );
    },
    get: () => last,
  };
}
