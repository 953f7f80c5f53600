import type { HttpSinkConfig } from '../../../lib/config/sinks-schema';
import { PROVENANCE } from '../../../lib/replay/provenance';
import { headerSafe } from '../../../lib/replay/sink-ref';
import type { SinkAdapter } from '../broker';
import { failed, type SinkSender } from '../sink-sender';

/** Replay as a JSON POST to an HTTP endpoint: a sink kind with no broker (no source, seek or lag). */
export function httpSender(sink: HttpSinkConfig): SinkSender {
  return {
    async send(m) {
      const h: Record<string, string> = { 'content-type': 'application/json' };
      for (const [name, value] of Object.entries(m.headers)) h[name] = headerSafe(value);
      // The receiver can de-duplicate on it too (the IETF Idempotency-Key draft).
      h['idempotency-key'] = m.headers[PROVENANCE.replayId] ?? '';
      Object.assign(h, sink.headers);
      try {
        const res = await fetch(sink.url, {
          method: 'POST',
          headers: h,
          body: m.value ?? '',
          signal: AbortSignal.timeout(sink.timeoutMs),
          redirect: 'error',
        });
        await res.arrayBuffer().catch(() => undefined);
        return res.ok
          ? { ok: true, detail: `HTTP ${res.status}` }
          : { ok: false, error: `HTTP ${res.status} ${res.statusText}`.trim() };
      } catch (err) {
        return failed(err);
      }
    },
    close: () => Promise.resolve(),
  };
}

export const httpSink: SinkAdapter<'http'> = {
  kind: 'http',
  createSender: (sink) => httpSender(sink),
};
