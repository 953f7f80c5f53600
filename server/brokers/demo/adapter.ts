import type { BrokerAdapter } from '../broker';
import { createDemoSource } from './consumer';
import { demoSink } from './sink-sender';

/** The built-in demo pipeline: generated in process, so nothing to read back and no consumers to watch. */
export const demoBroker = {
  label: 'the demo pipeline',
  createSource: createDemoSource,
  sink: demoSink,
} satisfies BrokerAdapter<'demo'>;
