import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { Kafka, Producer } from 'kafkajs';
import type { SinkConfig } from '../../lib/config/sinks-schema';
import type { Config, JetStreamSourceConfig, KafkaSourceConfig } from '../../lib/config/schema';
import type { RawMessage } from '../../lib/contracts/raw-message';
import { PROVENANCE } from '../../lib/replay/provenance';
import { DEMO_REPLAY_TOPIC, headerSafe } from '../../lib/replay/sink-ref';
import { createKafkaClient } from '../sources/kafka-client';
import { connectionOptions } from '../sources/jetstream-source';
import { failed, lazy, SEND_TIMEOUT_MS, withTimeout, type SinkSender } from '../brokers/sink-sender';

const utf8 = new TextEncoder();

function kafkaSender(sink: Extract<SinkConfig, { kind: 'kafka' }>, cluster: KafkaSourceConfig | undefined): SinkSender {
  const base: KafkaSourceConfig = cluster ?? ({ id: sink.id, kind: 'kafka', brokers: sink.brokers ?? [], clientId: 'cdcscope-replay', topics: [sink.topic], start: 'latest', topicRefreshMs: 30_000 } as KafkaSourceConfig);
  const kafka: Kafka = createKafkaClient({ ...base, clientId: `${base.clientId}-replay` }, () => undefined, { retry: { retries: 3, initialRetryTime: 300, maxRetryTime: 2_000 } });
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
        const [meta] = await withTimeout('Kafka', p.send({ topic: sink.topic, acks: -1, messages: [{ key: m.key, value: m.value, headers: m.headers }] }));
        return { ok: true, detail: meta ? `${sink.topic} p${meta.partition}@${meta.baseOffset ?? meta.offset ?? '?'}` : sink.topic };
      } catch (err) {
        producer.reset();
        return failed(err);
      }
    },
    close: () => producer.close(),
  };
}

function natsSender(sink: Extract<SinkConfig, { kind: 'nats' }>, cluster: JetStreamSourceConfig | undefined): SinkSender {
  const options = cluster ? connectionOptions(cluster) : { servers: sink.servers ?? [], timeout: 5_000 };
  const conn = lazy<NatsConnection>(
    () => connect({ ...options, name: `cdcscope-replay:${sink.id}`, maxReconnectAttempts: 3 }),
    (nc) => nc.close(),
  );
  return {
    async send(m) {
      try {
        const nc = await withTimeout('NATS', conn.get());
        const h = natsHeaders();
        for (const [name, value] of Object.entries(m.headers)) h.set(name, headerSafe(value));
        const data = m.value === null ? new Uint8Array(0) : utf8.encode(m.value);
        const replayId = m.headers[PROVENANCE.replayId] ?? '';
        if (sink.mode === 'core') {
          nc.publish(sink.subject, data, { headers: h });
          await withTimeout('NATS', nc.flush());
          return { ok: true, detail: `${sink.subject} (core NATS, flushed)` };
        }
        // The replay id as JetStream message id: the stream itself drops a second copy within its duplicate window.
        const ack = await withTimeout('JetStream', jetstream(nc).publish(sink.subject, data, { headers: h, msgID: replayId, timeout: SEND_TIMEOUT_MS }));
        return { ok: true, detail: `${ack.stream} seq ${ack.seq}${ack.duplicate ? ' (duplicate: already stored)' : ''}` };
      } catch (err) {
        conn.reset();
        return failed(err);
      }
    },
    close: () => conn.close(),
  };
}

function httpSender(sink: Extract<SinkConfig, { kind: 'http' }>): SinkSender {
  return {
    async send(m) {
      const h: Record<string, string> = { 'content-type': 'application/json' };
      for (const [name, value] of Object.entries(m.headers)) h[name] = headerSafe(value);
      // The receiver can de-duplicate on it too (the IETF Idempotency-Key draft).
      h['idempotency-key'] = m.headers[PROVENANCE.replayId] ?? '';
      Object.assign(h, sink.headers);
      try {
        const res = await fetch(sink.url, { method: 'POST', headers: h, body: m.value ?? '', signal: AbortSignal.timeout(sink.timeoutMs), redirect: 'error' });
        await res.arrayBuffer().catch(() => undefined);
        return res.ok ? { ok: true, detail: `HTTP ${res.status}` } : { ok: false, error: `HTTP ${res.status} ${res.statusText}`.trim() };
      } catch (err) {
        return failed(err);
      }
    },
    close: async () => undefined,
  };
}

/** Demo sink: the replayed message comes back into the pipeline as an event of `demo.replay`, visible in the inspector. */
function demoSender(sourceId: string, inject: (m: RawMessage) => void): SinkSender {
  let seq = 0;
  return {
    async send(m) {
      seq++;
      const now = Date.now();
      inject({ sourceId, origin: { kind: 'demo', topic: DEMO_REPLAY_TOPIC, seq, timestamp: now }, key: m.key === null ? null : utf8.encode(m.key), value: m.value === null ? null : utf8.encode(m.value), headers: m.headers, receivedAt: now });
      return { ok: true, detail: `${DEMO_REPLAY_TOPIC} #${seq}` };
    },
    close: async () => undefined,
  };
}

/** A sender per configured sink; connections open on first use. */
export function createSinkSenders(config: Config, inject: (m: RawMessage) => void): Map<string, SinkSender> {
  const senders = new Map<string, SinkSender>();
  const demoSourceId = config.sources.find((s) => s.kind === 'demo')?.id ?? 'demo';
  for (const sink of config.sinks) {
    const cluster = 'cluster' in sink && sink.cluster !== undefined ? config.sources.find((s) => s.id === sink.cluster) : undefined;
    switch (sink.kind) {
      case 'kafka':
        senders.set(sink.id, kafkaSender(sink, cluster?.kind === 'kafka' ? cluster : undefined));
        break;
      case 'nats':
        senders.set(sink.id, natsSender(sink, cluster?.kind === 'jetstream' ? cluster : undefined));
        break;
      case 'http':
        senders.set(sink.id, httpSender(sink));
        break;
      case 'demo':
        senders.set(sink.id, demoSender(demoSourceId, inject));
        break;
    }
  }
  return senders;
}
