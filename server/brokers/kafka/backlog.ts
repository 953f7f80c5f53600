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
 *
 * Positions, queue and clock are read when the poll starts, before the end
 * offsets are asked for, and the measurement is dated then. Read after the
 * broker's answer, they would be later than it: on a busy event loop that
 * answer waits for its turn while the consumer reads on, past the end offsets
 * it holds, and a source seconds behind showed 0 messages and "not behind"
 * (bench/overload.ts). This way a message produced while the request is out
 * counts as unread: the backlog can only come out a little high, never low.
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
  now?: () => number;
}) {
  const meter = createBacklogMeter();
  const now = deps.now ?? Date.now;
  let last: SourceBacklog | undefined;
  return {
    async poll() {
      const at = now();
      const nextOffset = new Map(deps.nextOffset);
      const lastReadAt = new Map(deps.lastReadAt);
      const oldest = deps.queue.oldest();
      const queue = {
        size: deps.queue.size + deps.handing(),
        ...(oldest ? { oldestAt: oldest.origin.timestamp } : {}),
      };
      const positions = [];
      for (const topic of deps.topics()) {
        const offsets = await deps.admin.fetchTopicOffsets(topic);
        deps.partitionCounts?.set(topic, offsets.length);
        for (const p of offsets) {
          const key = `${topic}:${p.partition}`;
          const high = BigInt(p.high);
          const next = nextOffset.get(key) ?? (deps.start === 'earliest' ? BigInt(p.low) : high);
          const unread = high > next ? Number(high - next) : 0;
          positions.push({ key, unread, lastReadAt: lastReadAt.get(key) });
        }
      }
      last = meter.measure(positions, queue, at);
    },
    get: () => last,
  };
}
