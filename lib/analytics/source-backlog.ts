import { BEHIND_SECONDS, type SourceBacklog } from '../contracts/source-status';

/** One partition (Kafka) or the stream (JetStream) as a source's reader sees it at a poll. */
export interface ReadPosition {
  /** Partition key, unique within the source. */
  key: string;
  /** Messages on the broker the source has not read yet (end offset − next offset, pending + buffered). */
  unread: number;
  /** Broker timestamp of the last message the source read there, epoch ms. */
  lastReadAt?: number;
}

/** The source's own hand-off queue: read from the broker, not in the statistics yet. */
export interface QueueState {
  size: number;
  /** Broker timestamp of the oldest queued message, epoch ms. */
  oldestAt?: number;
}

/**
 * cdcscope's own backlog on one source, measured at each poll. Messages: what
 * the broker holds beyond the source's read position plus what waits in its
 * queue, exact at the poll. Seconds: the age of the oldest of them. In the
 * queue it is known (the head's timestamp); on the broker it is estimated by
 * the last message read there (the next one is younger: an upper bound, close
 * on a steady stream). A partition counts in seconds only when it was unread
 * at two polls in a row: a message produced just before a poll and read a
 * millisecond after it would otherwise date a caught-up reader by the quiet
 * time before that message. Bounded: one entry per partition key, forgotten
 * when a poll no longer lists it.
 */
export function createBacklogMeter() {
  let unreadBefore = new Set<string>();
  return {
    measure(positions: readonly ReadPosition[], queue: QueueState, now: number): SourceBacklog {
      let messages = queue.size;
      let oldest = queue.size > 0 ? queue.oldestAt : undefined;
      const unreadNow = new Set<string>();
      for (const p of positions) {
        if (p.unread <= 0) continue;
        messages += p.unread;
        unreadNow.add(p.key);
        if (unreadBefore.has(p.key) && p.lastReadAt !== undefined)
          oldest = oldest === undefined ? p.lastReadAt : Math.min(oldest, p.lastReadAt);
      }
      unreadBefore = unreadNow;
      const seconds = messages > 0 && oldest !== undefined ? Math.max(0, now - oldest) / 1000 : 0;
      return { messages, seconds, behind: seconds >= BEHIND_SECONDS, at: now };
    },
  };
}
