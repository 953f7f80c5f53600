import type { RawMessage } from '../../../lib/contracts/raw-message';
import { DEMO_REPLAY_TOPIC } from '../../../lib/replay/sink-ref';
import type { SinkAdapter } from '../broker';
import type { SinkSender } from '../sink-sender';

const utf8 = new TextEncoder();

/** Demo sink: the replayed message comes back into the pipeline as an event of `demo.replay`, visible in the inspector. */
export function demoSender(sourceId: string, inject: (m: RawMessage) => void): SinkSender {
  let seq = 0;
  return {
    send(m) {
      seq++;
      const now = Date.now();
      inject({
        sourceId,
        origin: { kind: 'demo', topic: DEMO_REPLAY_TOPIC, seq, timestamp: now },
        key: m.key === null ? null : utf8.encode(m.key),
        value: m.value === null ? null : utf8.encode(m.value),
        headers: m.headers,
        receivedAt: now,
      });
      return Promise.resolve({ ok: true, detail: `${DEMO_REPLAY_TOPIC} #${seq}` });
    },
    close: () => Promise.resolve(),
  };
}

export const demoSink: SinkAdapter<'demo'> = {
  kind: 'demo',
  createSender: (_sink, { sources, inject }) =>
    demoSender(sources.find((s) => s.kind === 'demo')?.id ?? 'demo', inject),
};
