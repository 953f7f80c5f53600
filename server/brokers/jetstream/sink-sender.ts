import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { JetStreamSourceConfig } from '../../../lib/config/schema';
import type { NatsSinkConfig } from '../../../lib/config/sinks-schema';
import { PROVENANCE } from '../../../lib/replay/provenance';
import { headerSafe } from '../../../lib/replay/sink-ref';
import type { SinkAdapter } from '../broker';
import { failed, lazy, SEND_TIMEOUT_MS, withTimeout, type SinkSender } from '../sink-sender';
import { connectionOptions } from './client';

const utf8 = new TextEncoder();

/** Replay to a NATS subject (JetStream publish or core NATS); `cluster` is the JetStream source whose connection settings it reuses. */
export function natsSender(sink: NatsSinkConfig, cluster: JetStreamSourceConfig | undefined): SinkSender {
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
        const ack = await withTimeout(
          'JetStream',
          jetstream(nc).publish(sink.subject, data, { headers: h, msgID: replayId, timeout: SEND_TIMEOUT_MS }),
        );
        return {
          ok: true,
          detail: `${ack.stream} seq ${ack.seq}${ack.duplicate ? ' (duplicate: already stored)' : ''}`,
        };
      } catch (err) {
        conn.reset();
        return failed(err);
      }
    },
    close: () => conn.close(),
  };
}

export const natsSink: SinkAdapter<'nats'> = {
  kind: 'nats',
  createSender(sink, { sources }) {
    const cluster = sink.cluster !== undefined ? sources.find((s) => s.id === sink.cluster) : undefined;
    return natsSender(sink, cluster?.kind === 'jetstream' ? cluster : undefined);
  },
};
