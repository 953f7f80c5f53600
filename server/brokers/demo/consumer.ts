import type { DemoSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createBurstSchedule } from '../../../lib/demo/burst';
import { createDemoGenerator } from '../../../lib/demo/generator';
import { createBatchQueue } from '../batch-queue';
import { BACKLOG_POLL_MS, createHealthTracker, type Source } from '../source';
import { createLogReader, demoReadPerSecond } from './log-reader';
import { closeRetainedLog, openRetainedLog } from './retained-logs';

/** Ticks per second of the demo: smooth charts without a timer per event. */
const TICKS_PER_SECOND = 10;

/**
 * The demo source: the generator writes into the retained log (the demo's
 * broker), and the source reads it back from there like a consumer, capped
 * per tick, so a burst leaves a backlog that it then drains.
 */
export function createDemoSource(config: DemoSourceConfig): Source {
  const generator = createDemoGenerator({ sourceId: config.id, seed: config.seed, extraTables: config.extraTables });
  const bursts = createBurstSchedule({ seed: config.seed, start: Date.now() });
  const queue = createBatchQueue<RawMessage>(50_000);
  const health = createHealthTracker();
  const log = openRetainedLog(config.id);
  const reader = createLogReader(log, queue, Math.ceil(demoReadPerSecond(config.rate) / TICKS_PER_SECOND));
  let carry = 0;

  const timer = setInterval(() => {
    carry += config.rate / TICKS_PER_SECOND;
    const changes = Math.floor(carry);
    carry -= changes;
    const now = Date.now();
    for (const m of generator.tick(now, changes + bursts.changesAt(now))) log.append(m);
    reader.pump();
  }, 1000 / TICKS_PER_SECOND);
  const backlogTimer = setInterval(() => reader.measure(Date.now()), BACKLOG_POLL_MS);
  health.live();

  return {
    id: config.id,
    kind: 'demo',
    target: 'built-in demo pipeline',
    channels: ['demo_a.*', 'demo_b.*', 'demo_pg.*', 'demo_shop.*', 'outbox.event.*'],
    batches: () => queue,
    status: health.get,
    onStatus: health.onChange,
    backlog: reader.backlog,
    close() {
      clearInterval(timer);
      clearInterval(backlogTimer);
      closeRetainedLog(config.id, log);
      queue.close();
      health.stopped();
      return Promise.resolve();
    },
  };
}
