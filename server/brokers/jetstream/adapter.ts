import type { BrokerAdapter } from '../broker';
import { createJetStreamSource } from './consumer';
import { createJetStreamLagPoller } from './lag-poller';
import { readJetStreamMessage } from './read-at';
import { createJetStreamSeekReader } from './seek-reader';
import { natsSink } from './sink-sender';

/** NATS JetStream, through nats.js. Every subject may be asked for: the readers keep to the source's own `subject` filter. */
export const jetstreamBroker = {
  label: 'JetStream',
  createSource: createJetStreamSource,
  reads: {
    createSeekReader: createJetStreamSeekReader,
    positionOf: (q) =>
      q.seq === undefined
        ? { error: 'a JetStream message needs seq' }
        : { sourceId: q.sourceId, channel: q.channel, kind: 'jetstream', seq: q.seq },
    readAt: (config, ref) => readJetStreamMessage(config, ref.channel, ref.seq),
  },
  createLagPoller: (config) => (config.lag ? createJetStreamLagPoller({ ...config, lag: config.lag }) : undefined),
  sink: natsSink,
} satisfies BrokerAdapter<'jetstream'>;
