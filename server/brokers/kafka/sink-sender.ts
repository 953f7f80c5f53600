import type { Kafka, Producer } from 'kafkajs';
import type { KafkaSourceConfig } from '../../../lib/config/schema';
import type { KafkaSinkConfig } from '../../../lib/config/sinks-schema';
import type { OutgoingMessage } from '../../../lib/contracts/replay';
import type { SinkAdapter } from '../broker';
import { failed, lazy, withTimeout, type SinkSender } from '../sink-sender';
import { createKafkaClient } from './client';

/** The key and value as sent: the re-encoded wire-format bytes when the operator chose them, else the JSON text. */
function payloadOf(m: OutgoingMessage): { key: string | Buffer | null; value: string | Buffer | null } {
  if (m.encoded === undefined) return { key: m.key, value: m.value };
  return {
    key: m.encoded.key === null ? m.key : Buffer.from(m.encoded.key, 'base64'),
    value: Buffer.from(m.encoded.value, 'base64'),
  };
}

/** Replay to a Kafka topic through an idempotent producer; `cluster` is the Kafka source whose connection settings it reuses. */
export function kafkaSender(sink: KafkaSinkConfig, cluster: KafkaSourceConfig | undefined): SinkSender {
  const base: KafkaSourceConfig =
    cluster ??
    ({
      id: sink.id,
      kind: 'kafka',
      brokers: sink.brokers ?? [],
      clientId: 'cdcscope-replay',
      topics: [sink.topic],
      start: 'latest',
      topicRefreshMs: 30_000,
    } as KafkaSourceConfig);
  const kafka: Kafka = createKafkaClient({ ...base, clientId: `${base.clientId}-replay` }, () => undefined, {
    retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 2_000 },
  });
  const producer = lazy<Producer>(
    async () => {
      // Idempotent: the broker drops the producer's own retries of one send, so a network blip cannot write it twice.
      const p = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
      await p.connect();
      return p;
    },
    (p) => p.disconnect(),
  );
  return {
    async send(m) {
      try {
        const p = await withTimeout('Kafka', producer.get());
        const [meta] = await withTimeout(
          'Kafka',
          p.send({ topic: sink.topic, acks: -1, messages: [{ ...payloadOf(m), headers: m.headers }] }),
        );
        return {
          ok: true,
          detail: meta ? `${sink.topic} p${meta.partition}@${meta.baseOffset ?? meta.offset ?? '?'}` : sink.topic,
        };
      } catch (err) {
        producer.reset();
        return failed(err);
      }
    },
    close: () => producer.close(),
  };
}

export const kafkaSink: SinkAdapter<'kafka'> = {
  kind: 'kafka',
  createSender(sink, { sources }) {
    const cluster = sink.cluster !== undefined ? sources.find((s) => s.id === sink.cluster) : undefined;
    return kafkaSender(sink, cluster?.kind === 'kafka' ? cluster : undefined);
  },
};
