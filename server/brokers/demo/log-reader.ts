import { createBacklogMeter } from '../../../lib/analytics/source-backlog';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import type { SourceBacklog } from '../../../lib/contracts/source-status';
import type { RetainedLog } from '../../../lib/demo/retained-log';
import type { BatchQueue } from '../batch-queue';

/**
 * Messages the demo source reads from its log per second at most: far above
 * its steady ~80 a second at the default rate, well below a burst
 * (lib/demo/burst.ts), so a burst waits in the log as it would on a broker
 * and shows as cdcscope's own backlog. A faster `rate` raises it
 * (DEMO_READ_PER_CHANGE): the steady stream must never fall behind.
 */
export const DEMO_READ_PER_SECOND = 1_500;
/** Messages per row change are about 2.5 (two replicas, tombstones, transaction markers): 20 leaves room for everything else. */
export const DEMO_READ_PER_CHANGE = 20;

/** The read cap for a demo of `rate` row changes a second. */
export function demoReadPerSecond(rate: number): number {
  return Math.max(DEMO_READ_PER_SECOND, Math.ceil(rate * DEMO_READ_PER_CHANGE));
}

/**
 * The demo source's reader: hands what the generator appended to the log to
 * the pipeline's queue, in position order, at most `perPump` at a time. A
 * full queue leaves the messages in the log (read at the next pump), as a
 * broker keeps what its reader has not fetched; messages evicted before they
 * were read are skipped, as after a broker's retention.
 */
export function createLogReader(log: RetainedLog, queue: BatchQueue<RawMessage>, perPump: number) {
  const meter = createBacklogMeter();
  let cursor = 0;
  let lastReadAt: number | undefined;
  let last: SourceBacklog | undefined;
  return {
    pump(): void {
      const batch: RawMessage[] = [];
      let next = cursor;
      for (let m = log.after(next); m?.origin.kind === 'demo' && batch.length < perPump; m = log.after(next)) {
        batch.push(m);
        next = m.origin.seq;
      }
      if (batch.length === 0 || !queue.offer(batch)) return;
      cursor = next;
      lastReadAt = (batch[batch.length - 1] as RawMessage).origin.timestamp;
    },
    /** Unread in the log plus waiting in the queue, as the Kafka and JetStream sources measure theirs. */
    measure(now: number): void {
      const oldest = queue.oldest();
      last = meter.measure(
        [{ key: 'log', unread: log.countAfter(cursor), ...(lastReadAt !== undefined ? { lastReadAt } : {}) }],
        { size: queue.size, ...(oldest ? { oldestAt: oldest.origin.timestamp } : {}) },
        now,
      );
    },
    backlog: (): SourceBacklog | undefined => last,
  };
}
