import type { BrokerAdapter } from '../broker';
import { readsTopic } from './client';
import { createKafkaSource } from './consumer';
import { createKafkaLagPoller } from './lag-poller';
import { readKafkaMessage } from './read-at';
import { createKafkaSeekReader } from './seek-reader';
import { kafkaSink } from './sink-sender';

/** Kafka (and what speaks its protocol, such as Redpanda), through kafkajs. */
export const kafkaBroker = {
  label: 'Kafka',
  createSource: createKafkaSource,
  reads: {
    // A topic is read back when the source reads it (an exact name or a pattern of its `topics`): no other topic of the cluster.
    refuseChannel: (config, topic) =>
      readsTopic(config.topics, topic) ? undefined : `topic ${topic} is not among the topics source ${config.id} reads`,
    createSeekReader: createKafkaSeekReader,
    positionOf: (q) =>
      q.partition === undefined || q.offset === undefined
        ? { error: 'a Kafka message needs partition and offset' }
        : { sourceId: q.sourceId, channel: q.channel, kind: 'kafka', partition: q.partition, offset: q.offset },
    readAt: (config, ref) => readKafkaMessage(config, ref.channel, ref.partition, ref.offset),
  },
  createLagPoller: (config) => (config.lag ? createKafkaLagPoller({ ...config, lag: config.lag }) : undefined),
  sink: kafkaSink,
} satisfies BrokerAdapter<'kafka'>;
