import type { BrokerAdapter } from '../broker';
import { createDemoSource } from './consumer';
import { createDemoLagPoller } from './lag-poller';
import { demoSink } from './sink-sender';

/** The built-in demo pipeline: generated in process, so nothing to read back; its downstream consumers are simulated. */
export const demoBroker = {
  label: 'the demo pipeline',
  createSource: createDemoSource,
  createLagPoller: createDemoLagPoller,
  sink: demoSink,
} satisfies BrokerAdapter<'demo'>;
