import type { DemoSourceConfig } from '../../../lib/config/schema';
import type { RawMessage } from '../../../lib/contracts/raw-message';
import type { SeekStart } from '../../../lib/contracts/seek';
import type { RetainedLog } from '../../../lib/demo/retained-log';
import { createSubjectMatcher } from '../../../lib/nats/subject-match';
import { planJetStreamSeek } from '../../../lib/seek/seek-plan';
import { SeekInputError, type SeekReader } from '../seek-reader';
import { retainedLogOf } from './retained-logs';

/**
 * Reading the log is synchronous and fast; after this much work in a row the
 * reader yields to the event loop, so the seek's time limit, a cancel and the
 * live pipeline all get their turn, as they do while a real broker answers.
 */
const SLICE_MS = 10;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function logOf(config: DemoSourceConfig): RetainedLog {
  const log = retainedLogOf(config.id);
  if (!log) throw new SeekInputError(`the demo source ${config.id} is not running`);
  return log;
}

/** The first position to read, or undefined when nothing is to be read. */
function firstSeq(log: RetainedLog, start: SeekStart): { from: number; lastSeq: number } | undefined {
  if (start.kind === 'offset')
    throw new SeekInputError(
      'start: offset is for Kafka; on the demo pipeline use seq (a position), time or beginning',
    );
  const range = log.range();
  const planned = planJetStreamSeek(start, range);
  if (!planned.ok) throw new SeekInputError(planned.error);
  const plan = planned.value;
  switch (plan.deliver) {
    case 'none':
      return undefined;
    case 'all':
      return { from: range.firstSeq, lastSeq: plan.lastSeq };
    case 'seq':
      return { from: plan.seq, lastSeq: plan.lastSeq };
    case 'time': {
      const from = log.seqAtTime(plan.time);
      return from === undefined ? undefined : { from, lastSeq: plan.lastSeq };
    }
  }
}

/**
 * A seek on the demo's retained log (lib/demo/retained-log.ts), from a
 * position, a time or the oldest kept message to the last one as of the
 * start. `channel` is a topic, or a filter with `*` and `>` as on NATS
 * (`demo_a.>`): every message read counts as scanned, the ones on the
 * channel are listed. Messages evicted while the seek runs are skipped, as
 * a broker's retention would.
 */
export function createDemoSeekReader(config: DemoSourceConfig, channel: string, start: SeekStart): SeekReader {
  const wanted = createSubjectMatcher(channel);
  return {
    async read(onMessage, signal) {
      const log = logOf(config);
      const plan = firstSeq(log, start);
      if (plan === undefined) return 'end';
      let cursor = plan.from - 1;
      let sliceStart = performance.now();
      for (;;) {
        if (signal.aborted) return 'stopped';
        const m: RawMessage | undefined = log.after(cursor);
        if (m?.origin.kind !== 'demo' || m.origin.seq > plan.lastSeq) return 'end';
        cursor = m.origin.seq;
        if (!(await onMessage(m, wanted(m.origin.topic)))) return 'stopped';
        if (cursor >= plan.lastSeq) return 'end';
        if (performance.now() - sliceStart >= SLICE_MS) {
          await yieldToLoop();
          sliceStart = performance.now();
        }
      }
    },
  };
}

/** One message at its position, when it is still kept and on `topic`. */
export function readDemoMessage(config: DemoSourceConfig, topic: string, seq: number): Promise<RawMessage | undefined> {
  const m = retainedLogOf(config.id)?.get(seq);
  return Promise.resolve(m?.origin.kind === 'demo' && m.origin.topic === topic ? m : undefined);
}
