import type { SinkRef } from '../contracts/audit';
import type { SinkConfig } from '../config/sinks-schema';

/** The demo sink's channel: replays to it come back into the demo pipeline under this topic. */
export const DEMO_REPLAY_TOPIC = 'demo.replay';

/**
 * What the browser and the audit log learn about a sink. An HTTP target is
 * its origin and path only: user info, query string and configured headers
 * can hold credentials, so they never leave the server.
 */
export function sinkRef(sink: SinkConfig): SinkRef {
  switch (sink.kind) {
    case 'kafka':
      return { id: sink.id, kind: 'kafka', target: `${sink.cluster ?? 'kafka'}/${sink.topic}` };
    case 'nats':
      return {
        id: sink.id,
        kind: 'nats',
        target: `${sink.subject} (${sink.mode === 'jetstream' ? 'JetStream' : 'core NATS'})`,
      };
    case 'http': {
      const u = new URL(sink.url);
      return { id: sink.id, kind: 'http', target: `POST ${u.origin}${u.pathname}` };
    }
    case 'demo':
      return { id: sink.id, kind: 'demo', target: DEMO_REPLAY_TOPIC };
  }
}

/** Header values as every transport accepts them: printable ASCII kept, anything else percent-encoded. */
export function headerSafe(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : encodeURIComponent(value);
}
