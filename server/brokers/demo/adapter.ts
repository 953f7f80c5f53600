import type { BrokerAdapter } from '../broker';
import { createDemoSource } from './consumer';
import { createDemoLagPoller } from './lag-poller';
import { createDemoSeekReader, readDemoMessage } from './seek-reader';
import { demoSink } from './sink-sender';

/**
 * The built-in demo pipeline: generated in process; what it generated is kept
 * in a bounded retained log that seeks and event links read back, as from a
 * broker; its downstream consumers are simulated.
 */
export const demoBroker = {
  label: 'the demo pipeline',
  createSource: createDemoSource,
  reads: {
    createSeekReader: createDemoSeekReader,
    positionOf: (q) =>
      q.seq === undefined
        ? { error: 'a demo message needs seq' }
        : { sourceId: q.sourceId, channel: q.channel, kind: 'demo', seq: q.seq },
    readAt: (config, ref) => readDemoMessage(config, ref.channel, ref.seq),
  },
  createLagPoller: createDemoLagPoller,
  sink: demoSink,
} satisfies BrokerAdapter<'demo'>;
