import type { DemoSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import { createDemoGenerator } from '../../../lib/demo/generator';
import { createBatchQueue } from '../batch-queue';
import { createHealthTracker, type Source } from '../source';
import { closeRetainedLog, openRetainedLog } from './retained-logs';

/** Ticks per second of the demo: smooth charts without a timer per event. */
const TICKS_PER_SECOND = 10;

export function createDemoSource(config: DemoSourceConfig): Source {
  const generator = createDemoGenerator({ sourceId: config.id, seed: config.seed, extraTables: config.extraTables });
  const queue = createBatchQueue<RawMessage>(50_000);
  const health = createHealthTracker();
  const log = openRetainedLog(config.id);
  let carry = 0;

  const timer = setInterval(() => {
    carry += config.rate / TICKS_PER_SECOND;
    const changes = Math.floor(carry);
    carry -= changes;
    const batch = generator.tick(Date.now(), changes);
    // Kept whatever the pipeline does, as a broker keeps what was written while its reader lags.
    for (const m of batch) log.append(m);
    // The demo never blocks on a slow pipeline: a tick that finds the queue full is dropped.
    queue.offer(batch);
  }, 1000 / TICKS_PER_SECOND);
  health.live();

  return {
    id: config.id,
    kind: 'demo',
    target: 'built-in demo pipeline',
    channels: ['demo_a.*', 'demo_b.*', 'demo_pg.*'],
    batches: () => queue,
    status: health.get,
    onStatus: health.onChange,
    close() {
      clearInterval(timer);
      closeRetainedLog(config.id, log);
      queue.close();
      health.stopped();
      return Promise.resolve();
    },
  };
}
