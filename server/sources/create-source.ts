import type { SourceConfig } from '../../lib/config/schema';
import { createDemoSource } from './demo-source';
import { createJetStreamSource } from './jetstream-source';
import { createKafkaSource } from './kafka-source';
import type { Source } from '../brokers/source';

export function createSource(config: SourceConfig): Source {
  switch (config.kind) {
    case 'kafka':
      return createKafkaSource(config);
    case 'jetstream':
      return createJetStreamSource(config);
    case 'demo':
      return createDemoSource(config);
  }
}
